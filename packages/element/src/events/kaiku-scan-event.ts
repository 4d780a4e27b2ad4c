import { EVENT_INIT, type ScanSource } from './event-init.js';

/** `kaiku-scan`'s detail: the card ID read and where it came from. */
export type KaikuScanDetail = {
  /** The canonical card ID. */
  readonly cardId: string;
  readonly source: ScanSource;
  /** True when the ID was read as a group member of a community card, not as a new customer. */
  readonly groupMember: boolean;
};

/** A card ID was read (wedge, camera, manual entry) and passed the format check. */
export class KaikuScanEvent extends Event {
  static readonly eventName = 'kaiku-scan';
  readonly detail: KaikuScanDetail;
  constructor(detail: KaikuScanDetail) {
    super(KaikuScanEvent.eventName, EVENT_INIT);
    this.detail = detail;
  }
}
