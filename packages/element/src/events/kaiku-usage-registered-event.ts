import { KaikuEvent } from './event-init.js';
import type { KaikuUsageDetail } from './usage-detail.js';

/** `kaiku-usage-registered`'s detail: the usage and the ID Kaikukanta gave it. */
export type KaikuUsageRegisteredDetail = KaikuUsageDetail & {
  /** The server's usage ID. */
  readonly usageId: string;
};

/** Kaikukanta accepted the usage. */
export class KaikuUsageRegisteredEvent extends KaikuEvent<KaikuUsageRegisteredDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-usage-registered';
  constructor(detail: KaikuUsageRegisteredDetail) {
    super(KaikuUsageRegisteredEvent.eventName, detail);
  }
}
