/** Rules about the card itself: registry status and validity date. */
import { createReason } from './rules-reason.js';
import type { UsageCard } from '../schemas/usage-input.js';
import { helsinkiDate } from './helsinki-time.js';
import type { UsageReason } from './usage-types.js';

const STATUS_REASONS = {
  inactive: 'card-inactive',
  'use-ban': 'card-use-banned',
  'in-transfer': 'card-in-transfer',
} as const;

/**
 * Reasons the card itself cannot be used at `now`: a non-active status, or a validity that ended.
 * The last valid day is inclusive and read on the Helsinki calendar (00.30 Finnish time on the next day
 * is already too late, even while it is still the last day in UTC).
 *
 * @example
 * checkCard({ id: 'A999005458', status: 'active', validUntil: '2026-01-09', minors: 0 }, new Date('2026-01-09T21:59:00Z')); // []
 */
export function checkCard(card: UsageCard, now: Date): UsageReason[] {
  const reasons: UsageReason[] = [];
  if (card.status !== 'active') reasons.push(createReason(STATUS_REASONS[card.status], {}));
  const today = helsinkiDate(now);
  if (today > card.validUntil) {
    reasons.push(
      createReason('card-expired', { validUntil: finnishDate(card.validUntil), today: finnishDate(today) }),
    );
  }
  return reasons;
}

/**
 * `YYYY-MM-DD` as Finns write it (`9.1.2026`).
 *
 * @example
 * finnishDate('2026-01-09'); // '9.1.2026'
 */
export function finnishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day}.${month}.${year}`;
}
