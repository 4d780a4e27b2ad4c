/**
 * The rows of the official usage report (toimintamalli 2019 §9.2): card ID, adult tickets, child
 * tickets, show, date — from registered usages (`UsageRecord`) or given directly.
 */
import type { UsageMode, UsageRecord, UsageRequest } from '../schemas/api.js';
import { toHelsinki } from './helsinki-time.js';

/** One line of the usage report. `date` is the show's Helsinki calendar day, `YYYY-MM-DD`. */
export type UsageReportRow = {
  readonly cardId: string;
  readonly adultTickets: number;
  readonly childTickets: number;
  readonly show: string;
  readonly date: string;
  /** The show's Helsinki start time `HH:MM`, when known (registered usages): the import rebuilds the same show. */
  readonly time?: string | undefined;
  /** Booking or collection, when known (registered usages): the import registers the same mode. */
  readonly mode?: UsageMode | undefined;
  /**
   * A group visit's ID (the group usage's `usageId`), on the community card's row and on every member's row: the
   * import registers the rows sharing it as one group usage again. Absent on other rows.
   */
  readonly group?: string | undefined;
};

/** The totals row of a usage report: adult and child tickets, and the number of usages. */
export type UsageReportTotals = { adultTickets: number; childTickets: number; rows: number };

/**
 * Report lines of one registered usage (none for a voided one). A community card's group visit becomes one line for the
 * worker's card (their own ticket plus the under-16 clients as child tickets) and one line per group
 * member's card, because every member aged 16+ is recorded with their own card (000 §6).
 *
 * @example
 * usageToReportRows(record); // [{ cardId: 'A045198723', adultTickets: 1, childTickets: 2, show: 'Taikuri Matti', date: '2020-02-03' }]
 */
export function usageToReportRows(record: UsageRecord): UsageReportRow[] {
  if (record.state === 'voided') return []; // taken back within the void window: no ticket was given
  const [main, ...members] = usageRequestToReportRows(record, record.usageId);
  // The tickets the server gave, as it counted them.
  const { adult, children, under16Clients } = record.tickets;
  return [{ ...main!, adultTickets: adult, childTickets: children + under16Clients }, ...members];
}

/**
 * Report lines of one usage request (an outbox record's, not registered yet): as `usageToReportRows`, with
 * `visitId` as the group visit's ID.
 *
 * @example
 * usageRequestToReportRows(record.usage, record.id);
 */
export function usageRequestToReportRows(
  record: Pick<UsageRequest, 'cardId' | 'childTickets' | 'group' | 'mode'> & {
    readonly show: Pick<UsageRequest['show'], 'name' | 'start'>;
  },
  visitId: string,
): UsageReportRow[] {
  // A start that does not parse (a record from elsewhere) is written as it is, without a time: one bad record
  // must not stop the manual-fallback export of all the others.
  const at = Date.parse(record.show.start);
  const { date, time } = Number.isNaN(at) ? { date: record.show.start, time: undefined } : toHelsinki(at);
  const memberCardIds = record.group?.memberCardIds ?? [];
  // Only a visit with members needs the link: a worker's row with under-16 clients stands alone.
  const group = memberCardIds.length > 0 ? visitId : undefined;
  const line = (cardId: string, childTickets: number): UsageReportRow => {
    const { name: show } = record.show;
    return { cardId, adultTickets: 1, childTickets, show, date, time, mode: record.mode, group };
  };
  const under16 = record.childTickets + (record.group?.under16Clients ?? 0);
  return [line(record.cardId, under16), ...memberCardIds.map((cardId) => line(cardId, 0))];
}

/** Adds a row to running totals. */
export function addToTotals(totals: UsageReportTotals, row: UsageReportRow): void {
  totals.adultTickets += row.adultTickets;
  totals.childTickets += row.childTickets;
  totals.rows++;
}
