import { KaikuEvent } from './event-init.js';
import type { KaikuUsageDetail } from './usage-detail.js';

/** `kaiku-usage-queued`'s detail: the usage, why it was queued and how many now wait. */
export type KaikuUsageQueuedDetail = KaikuUsageDetail & {
  /** Usages now waiting in the outbox, this one included. */
  readonly pending: number;
  /** Why it was queued (a stable code, e.g. the network error's). */
  readonly reason: string;
  /** Its outbox record: what `voidUsage()` undoes. */
  readonly recordId?: string;
};

/** The usage is stored durably in the offline outbox and will be sent when the network returns. */
export class KaikuUsageQueuedEvent extends KaikuEvent<KaikuUsageQueuedDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-usage-queued';
  constructor(detail: KaikuUsageQueuedDetail) {
    super(KaikuUsageQueuedEvent.eventName, detail);
  }
}
