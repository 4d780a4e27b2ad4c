import type { LocalizedText } from '../messages/define.js';
import { REPORT_COLUMN_LABELS } from '../messages/reports.js';
import type { OutboxDetails } from './outbox-key.js';

/** A field of a sales report, e.g. `'cardId'` or `'date'`. */
export type ReportField = Exclude<keyof typeof REPORT_COLUMN_LABELS, 'total'>;
/**
 * The columns of a sales report the import recognises, in the order the outbox's report writes them: that of their
 * labels, `REPORT_COLUMN_LABELS` (`reason`, why Kaikukanta refused a usage, is written for people and never read).
 */
export const REPORT_FIELDS: readonly ReportField[] = /* @__PURE__ */ (
  Object.keys(REPORT_COLUMN_LABELS) as (ReportField | 'total')[]
).filter((field): field is ReportField => field !== 'total');

/** One cell as a reader hands it over: text from CSV, typed values from XLSX. */
export type CellValue = string | number | boolean | Date | null | { readonly formula: string };

/** One physical row of the file. `row` is 1-based and counts every row, header and title rows included. */
export type RawRow = {
  readonly row: number;
  readonly cells: readonly CellValue[];
  readonly error?: RowIssue;
};

/** What is wrong with one field of a row (or the whole row, when `field` is absent). */
export type RowIssue = {
  readonly code: string;
  readonly field?: ReportField;
  readonly params: Readonly<Record<string, string | number>>;
};

/** A `RowIssue` with its text in every language. */
export type RowError = RowIssue & { readonly message: LocalizedText };

/** A valid sales-report row: one Kaikukortti purchase (one adult ticket is implied). */
export type SalesRow = {
  readonly row: number;
  readonly cardId: string;
  readonly childTickets: number;
  readonly event: string;
  /** Calendar day of the event, `YYYY-MM-DD`. */
  readonly date: string;
  /** Start time `HH:MM` when the report gives one. */
  readonly time?: string;
  /** `booking` or `collection` when the report has a mode column (the usage report does); else the import's. */
  readonly mode?: 'booking' | 'collection';
  /**
   * The group visit the row belongs to (the usage report's group-visit column): the community card's row and its
   * members' rows carry the same ID and are registered as one group usage.
   */
  readonly group?: string;
  /** The venue column's text (a ticket agent's file): whose event the row is, by the agent's name for it. */
  readonly venue?: string;
  /** `provisional` when the sale accepted the card without checking it online (the outbox's report). */
  readonly acceptance?: 'online' | 'provisional';
  /**
   * The outbox record's idempotency key and request details (the outbox's report): the row is sent under that key
   * as the outbox would send it, so whichever copy reaches Kaikukanta second is a replay.
   */
  readonly key?: {
    readonly id: string;
    readonly text: string;
    readonly details: OutboxDetails;
  };
};

/** Row numbers as inclusive ranges, e.g. `[{ from: 2, to: 100001 }]`: compact for 100 000 rows. */
export type RowRange = { readonly from: number; readonly to: number };

/** A row the import did not register, and why. */
export type RowOutcome = {
  readonly row: number;
  /** The card ID as written (normalised when it parsed). Never logged by the library. */
  readonly cardId?: string;
  readonly errors: readonly RowError[];
};
