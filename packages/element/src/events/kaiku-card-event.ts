import { KaikuEvent } from './event-init.js';

/** `kaiku-card`'s detail: the card looked up and whether the rules allow a ticket now. */
export type KaikuCardDetail = {
  readonly cardId: string;
  readonly kind: 'client' | 'community';
  readonly status: string;
  /** ISO date (YYYY-MM-DD), last valid day. */
  readonly validUntil: string;
  /** Registered minors; `null` when not known (`status: 'unverified'`: Kaikukanta away and no cached record). */
  readonly minors: number | null;
  /** Whether the rules allow a ticket now (before the clerk picks children or a group). */
  readonly allowed: boolean;
  /** Refusal codes, empty when allowed. */
  readonly reasons: readonly string[];
  /** True when a cached record decided, not Kaikukanta (an unverified card had no record: false). */
  readonly fromCache: boolean;
};

/** A card was looked up and its record is shown. */
export class KaikuCardEvent extends KaikuEvent<KaikuCardDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-card';
  constructor(detail: KaikuCardDetail) {
    super(KaikuCardEvent.eventName, detail);
  }
}
