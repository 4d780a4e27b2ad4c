/** A terminal's shift tally and report. Pure: data and `now` come in. */
import type { UsageRequest } from '../schemas/api.js';
import type { Locale } from '../messages/define.js';
import { helsinkiDate } from '../rules/helsinki-time.js';
import { REPORT_COLUMN_LABELS } from '../messages/reports.js';
import {
  addToTotals,
  csvLine,
  formatReportDate,
  usageCells,
  usageHeader,
  usageRequestToReportRows,
  type UsageReportTotals,
} from '../reports/usage-report.js';

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
  readonly shows: readonly (ShiftUsage['show'] & { readonly counts: ShiftCounts })[];
};

const zero = (): ShiftCounts => ({ adults: 0, children: 0, groups: 0, refused: 0, queued: 0 });

function add(c: ShiftCounts, u: ShiftUsage): void {
  if (u.state === 'voided') return;
  if (u.state === 'refused') return void c.refused++;
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
  const day = helsinkiDate(now);
  const today = zero();
  const shows = new Map<string, { id: string; name: string; start: string; counts: ShiftCounts }>();
  for (const u of usages) {
    if (helsinkiDate(new Date(u.at)) === day) add(today, u);
    let show = shows.get(u.show.id);
    if (!show) shows.set(u.show.id, (show = { ...u.show, counts: zero() }));
    add(show.counts, u);
  }
  return { today, shows: [...shows.values()] };
}

/**
 * The end-of-shift report in the usage report's layout (its columns, words and date format: `usageHeader`,
 * `usageCells`): the tickets given (registered or queued; refused and voided usages gave none), each show's rows
 * followed by its total, then the shift's total. `rows` for a print view, the same as `csv` (`;` in Finnish and
 * Swedish, `,` in English, with a byte-order mark).
 *
 * @example
 * shiftReport(usages, 'fi').csv; // "\uFEFFKortin tunnus;Lippu aikuiselle;…\r\nA045198723;1;2;Uni;1.3.2030;…\r\nYhteensä;1;2;Uni;…"
 */
export function shiftReport(
  usages: readonly ShiftUsage[],
  locale: Locale,
): { rows: (string | number)[][]; csv: string } {
  const rows: (string | number)[][] = [usageHeader(locale)];
  const zero = (): UsageReportTotals => ({ adultTickets: 0, childTickets: 0, rows: 0 });
  // A total row: the word in the card ID column, the tickets, the show (absent in the shift's total).
  const total = (t: UsageReportTotals, show: (string | number)[]) => {
    const blank = Array<string>(rows[0]!.length - 3 - show.length).fill('');
    return [REPORT_COLUMN_LABELS.total[locale], t.adultTickets, t.childTickets, ...show, ...blank];
  };
  const all = zero();
  const given = usages.filter((u) => u.state === 'registered' || u.state === 'queued');
  for (const show of new Set(given.map((u) => u.show.id))) {
    const sum = zero();
    const lines = given
      .filter((u) => u.show.id === show)
      .flatMap((u) => usageRequestToReportRows(u, u.id))
      .map((row) => {
        [sum, all].forEach((t) => addToTotals(t, row));
        return usageCells(row, locale, (d) => formatReportDate(d, locale));
      });
    rows.push(...lines, total(sum, lines[0]!.slice(3, 6)));
  }
  rows.push(total(all, []));
  const sep = locale === 'en' ? ',' : ';';
  return { rows, csv: '\uFEFF' + rows.map((r) => csvLine(r, sep)).join('') };
}
