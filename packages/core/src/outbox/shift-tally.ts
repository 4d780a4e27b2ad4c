/**
 * A terminal's shift: the usages it registered, queued or saw refused, counted today and per show. Pure: what the
 * terminal knows comes in as data, the time as `now`. (Its report is the outbox's usage-report CSV of the same
 * usages: `toUsageReportCsv`.)
 */
import type { UsageRequest } from '../schemas/api.js';
import { toHelsinki } from '../rules/helsinki-time.js';

/** What became of a usage of this shift: registered, waiting in the outbox, refused, or voided afterwards. */
export type ShiftState = 'registered' | 'queued' | 'refused' | 'voided';

/** One usage of the shift (a refused one is the request the clerk was refused). */
export type ShiftUsage = Pick<UsageRequest, 'cardId' | 'childTickets' | 'group' | 'mode'> & {
  /** The outbox record's key (or another ID unique in the shift). */
  readonly id: string;
  /** When the clerk registered it (or was refused), ISO instant. */
  readonly at: string;
  readonly state: ShiftState;
  readonly show: Pick<UsageRequest['show'], 'id' | 'name' | 'start'>;
};

/** Adult and child tickets given, community-card visits, refusals and usages still waiting to be sent. */
export type ShiftCounts = {
  adults: number;
  children: number;
  groups: number;
  refused: number;
  queued: number;
};

/** Counts of today (Helsinki calendar day of `now`) and of each show, in the order the shift met them. */
export type ShiftTally = {
  readonly today: ShiftCounts;
  readonly shows: readonly {
    readonly id: string;
    readonly name: string;
    readonly start: string;
    readonly counts: ShiftCounts;
  }[];
};

/** The Helsinki calendar day of an instant. */
const dayOf = (d: Date): string => {
  const t = toHelsinki(d);
  return `${t.year}-${t.month}-${t.day}`;
};

const zero = (): ShiftCounts => ({ adults: 0, children: 0, groups: 0, refused: 0, queued: 0 });

function add(c: ShiftCounts, u: ShiftUsage): void {
  if (u.state === 'voided') return;
  if (u.state === 'refused') {
    c.refused++;
    return;
  }
  c.adults += 1 + (u.group?.memberCardIds.length ?? 0);
  c.children += u.childTickets + (u.group?.under16Clients ?? 0);
  if (u.group) c.groups++;
  if (u.state === 'queued') c.queued++;
}

/**
 * Counts a shift's usages: voided ones count nothing, refused ones only as refusals, queued ones as tickets given
 * and as waiting.
 *
 * @example
 * countShift([{ id: 'k1', at: '2030-03-01T16:00:00Z', state: 'registered', cardId: 'A045198723', childTickets: 2, mode: 'booking', show }], new Date());
 * // { today: { adults: 1, children: 2, groups: 0, refused: 0, queued: 0 }, shows: [{ id: show.id, …, counts: … }] }
 */
export function countShift(usages: readonly ShiftUsage[], now: Date): ShiftTally {
  const day = dayOf(now);
  const today = zero();
  const shows = new Map<string, { id: string; name: string; start: string; counts: ShiftCounts }>();
  for (const u of usages) {
    if (dayOf(new Date(u.at)) === day) add(today, u);
    let show = shows.get(u.show.id);
    if (!show) shows.set(u.show.id, (show = { ...u.show, counts: zero() }));
    add(show.counts, u);
  }
  return { today, shows: [...shows.values()] };
}
