import { EVENT_INIT } from './event-init.js';
import type { KaikuUsageDetail } from './usage-detail.js';

/**
 * Fired when the clerk confirms, before anything is written. Cancelable: a point-of-sale calls
 * `preventDefault()` to veto the registration (e.g. the sale was voided); the element then returns to the card.
 */
export class KaikuBeforeRegisterEvent extends Event {
  static readonly eventName = 'kaiku-before-register';
  readonly detail: KaikuUsageDetail;
  constructor(detail: KaikuUsageDetail) {
    super(KaikuBeforeRegisterEvent.eventName, { ...EVENT_INIT, cancelable: true });
    this.detail = detail;
  }
}
