import { KaikuEvent, type ScanSource } from './event-init.js';

/** `kaiku-scan`'s detail: the card ID read and where it came from. */
export type KaikuScanDetail = {
  /** The canonical card ID. */
  readonly cardId: string;
  readonly source: ScanSource;
  /** True when the ID was read as a group member of a community card, not as a new customer. */
  readonly groupMember: boolean;
};

/** A card ID was read (wedge, camera, manual entry) and passed the format check. */
export class KaikuScanEvent extends KaikuEvent<KaikuScanDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-scan';
  constructor(detail: KaikuScanDetail) {
    super(KaikuScanEvent.eventName, detail);
  }
}
