/**
 * The rows of the official usage report (toimintamalli 2019 §9.2): card ID, adult tickets, child
 * tickets, show, date — from registered usages (`UsageRecord`) or given directly.
 */
import type { UsageMode, UsageRecord } from '../schemas/api.js';
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
};

export type UsageReportTotals = { adultTickets: number; childTickets: number; rows: number };

/**
 * Report lines of one registered usage. A community card's group visit becomes one line for the
 * worker's card (their own ticket plus the under-16 clients as child tickets) and one line per group
 * member's card, because every member aged 16+ is recorded with their own card (000 §6).
 *
 * @example
 * usageToReportRows(record); // [{ cardId: 'A045198723', adultTickets: 1, childTickets: 2, show: 'Taikuri Matti', date: '2020-02-03' }]
 */
export function usageToReportRows(record: UsageRecord): UsageReportRow[] {
  const { date, time } = toHelsinki(Date.parse(record.show.start));
  const main: UsageReportRow = {
    cardId: record.cardId,
    adultTickets: record.tickets.adult,
    childTickets: record.tickets.children + record.tickets.under16Clients,
    show: record.show.name,
    date,
    time,
    mode: record.mode,
  };
  const members = (record.group?.memberCardIds ?? []).map((cardId) => ({
    cardId,
    adultTickets: 1,
    childTickets: 0,
    show: record.show.name,
    date,
    time,
    mode: record.mode,
  }));
  return [main, ...members];
}

/** Adds a row to running totals. */
export function addToTotals(totals: UsageReportTotals, row: UsageReportRow): void {
  totals.adultTickets += row.adultTickets;
  totals.childTickets += row.childTickets;
  totals.rows++;
}
