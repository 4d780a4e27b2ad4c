import { KaikuEvent } from './event-init.js';

/** `kaiku-usage-voided`'s detail: which usage was undone, and how. */
export type KaikuUsageVoidedDetail = {
  /** The ID the element was asked to undo: `kaiku-usage-registered`'s `usageId`, or a queued usage's record ID. */
  readonly usageId: string;
  readonly cardId: string;
  /** `voided` by Kaikukanta; `removed` from the outbox before it was sent; `nothing-to-void` (it had been refused). */
  readonly outcome: 'voided' | 'removed' | 'nothing-to-void';
};

/** The clerk undid a usage (the result screen's undo action, or `voidUsage()`), and it is undone. */
export class KaikuUsageVoidedEvent extends KaikuEvent<KaikuUsageVoidedDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-usage-voided';
  constructor(detail: KaikuUsageVoidedDetail) {
    super(KaikuUsageVoidedEvent.eventName, detail);
  }
}
