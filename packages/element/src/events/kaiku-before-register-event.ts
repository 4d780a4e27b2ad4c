import { KaikuEvent } from './event-init.js';
import type { KaikuUsageDetail } from './usage-detail.js';

/**
 * Fired when the clerk confirms, before anything is written. Cancelable: a point-of-sale calls
 * `preventDefault()` to veto the registration (e.g. the sale was voided); the element then returns to the card.
 */
export class KaikuBeforeRegisterEvent extends KaikuEvent<KaikuUsageDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-before-register';
  constructor(detail: KaikuUsageDetail) {
    super(KaikuBeforeRegisterEvent.eventName, detail, true);
  }
}
