/** Booking and collection windows (000 §9: booking from one month before, collection from e.g. 30 minutes before). */
import { createReason } from './rules-reason.js';
import type { TimeWindow } from '../schemas/instant.js';
import { formatHelsinki, helsinkiBefore } from './helsinki-time.js';
import type { UsageReason } from './usage-types.js';

/**
 * A window resolved to instants; a missing bound is open.
 *
 * @example
 * const { opens, closes } = resolveWindow({ opensBeforeStart: { minutes: 30 } }, start);
 */
export type ResolvedWindow = { readonly opens?: Date; readonly closes?: Date };

/**
 * Resolves a window against the event start: the latest opening bound and the earliest closing bound apply.
 *
 * @example
 * resolveWindow({ opensBeforeStart: { months: 1 } }, new Date('2026-03-31T16:00:00Z')).opens?.toISOString(); // '2026-02-28T16:00:00.000Z'
 */
export function resolveWindow(window: TimeWindow, start: Date): ResolvedWindow {
  const opensBefore = window.opensBeforeStart && helsinkiBefore(start, window.opensBeforeStart);
  const opens = [toDate(window.opensAt), opensBefore].filter(isDate);
  const closesBefore = window.closesBeforeStart && helsinkiBefore(start, window.closesBeforeStart);
  const closes = [toDate(window.closesAt), closesBefore].filter(isDate);
  return {
    opens: opens.length > 0 ? new Date(Math.max(...opens.map(Number))) : undefined,
    closes: closes.length > 0 ? new Date(Math.min(...closes.map(Number))) : undefined,
  };
}

/**
 * Reasons `now` is outside the booking (or collection) window. Both bounds are inclusive.
 *
 * @example
 * checkWindow('collection', { opensBeforeStart: { minutes: 30 } }, start, now); // [] from 30 minutes before the start
 */
export function checkWindow(
  mode: 'booking' | 'collection',
  window: TimeWindow | undefined,
  start: Date,
  now: Date,
): UsageReason[] {
  if (!window) return [];
  const { opens, closes } = resolveWindow(window, start);
  const reasons: UsageReason[] = [];
  if (opens && now.getTime() < opens.getTime()) {
    const opensAt = formatHelsinki(opens);
    reasons.push(createReason(mode === 'booking' ? 'booking-not-open' : 'collection-not-open', { opensAt }));
  }
  if (closes && now.getTime() > closes.getTime()) {
    const closesAt = formatHelsinki(closes);
    reasons.push(createReason(mode === 'booking' ? 'booking-closed' : 'collection-closed', { closesAt }));
  }
  return reasons;
}

/**
 * An instant from a `Date` or an ISO string with offset; `undefined` stays `undefined`.
 *
 * @example
 * toDate('2026-03-01T18:00:00+02:00')?.toISOString(); // '2026-03-01T16:00:00.000Z'
 */
export function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? new Date(value.getTime()) : new Date(value);
}

function isDate(value: Date | undefined): value is Date {
  return value !== undefined && !Number.isNaN(value.getTime());
}
