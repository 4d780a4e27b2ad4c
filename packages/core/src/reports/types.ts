import type { LocalizedText } from '../messages/define.js';
import { REPORT_COLUMN_LABELS } from '../messages/reports.js';
import type {
  BatchItem,
  BatchItemResult,
  BatchResponse,
  Channel,
  ShowKind,
  UsageMode,
} from '../schemas/api.js';
import type { ColumnMap } from './header.js';
import type { OutboxDetails } from './usage-from-row.js';
import type { ShowLister, ShowMatch, VenueShow } from './resolve-show.js';

/** A field of a sales report, e.g. `'cardId'` or `'date'`. */
export type ReportField = Exclude<keyof typeof REPORT_COLUMN_LABELS, 'total'>;
/** The columns the import recognises, in the order of `REPORT_COLUMN_LABELS` (the outbox's report writes). */
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
  /** A run of blank CSV lines: this row and the `lines - 1` after it. */
  readonly lines?: number;
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
  /** The group visit (the usage report's column): rows sharing it are registered as one group usage. */
  readonly group?: string;
  /** The venue column's text (a ticket agent's file): whose event the row is, by the agent's name for it. */
  readonly venue?: string;
  /** `provisional` when the sale accepted the card without checking it online (the outbox's report). */
  readonly acceptance?: 'online' | 'provisional';
  /** The outbox record's key and details: sent as the outbox would, so the second copy to arrive is a replay. */
  readonly key?: { readonly id: string; readonly text: string; readonly details: OutboxDetails };
};

/** A performance of the file (event, date, time as written) and the show its valid rows resolved to. */
export type ShowMapping = {
  readonly event: string;
  readonly date: string;
  readonly time?: string;
  readonly showId: string;
  readonly how: ShowMatch['how'];
  readonly rows: number;
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

/** The part of the API client the import uses (`createApiClient(…)` satisfies it). */
export type BatchRegistrar = {
  /** The API it sends to: an outbox report's rows for another (or unknown) API are refused, `row-key-target`. */
  readonly baseUrl?: string;
  registerBatch(
    items: BatchItem[],
    options?: { signal?: AbortSignal },
  ): Promise<readonly BatchItemResult[] | BatchResponse>;
  /** The venue's performances (`createApiClient(…).listShows`): rows resolve to their show IDs (`ShowDirectory`). */
  listShows?: (
    query: Parameters<ShowLister>[0],
    options?: { signal?: AbortSignal },
  ) => ReturnType<ShowLister>;
};

/** Progress of an import so far, passed to `onProgress` as rows are read and registered. */
export type ImportProgress = Pick<
  ImportCounts,
  'valid' | 'registered' | 'alreadyRegistered' | 'refused' | 'invalid'
> & {
  /** Known once the first bytes are read. Byte progress means little for XLSX (a zip is read ahead). */
  readonly format: 'csv' | 'xlsx' | undefined;
  readonly bytesRead: number;
  /** Known for File/Blob, bytes and text sources. */
  readonly totalBytes: number | undefined;
  readonly rowsRead: number;
};

/** What happened to one row, as it happens (for per-row reports written while streaming). */
export type RowStatus =
  'registered' | 'already-registered' | 'refused' | 'invalid' | 'valid' | 'skipped' | 'not-sent';
/** One row's outcome, passed to `onRow` as it happens: its number, status, card ID and errors. */
export type RowEvent = {
  readonly row: number;
  readonly status: RowStatus;
  readonly cardId?: string;
  readonly errors?: readonly RowError[];
};

/** Options of `importSalesReport`: the venue, and progress and per-row callbacks. */
export type ImportOptions = {
  /** The venue the usages are registered for (or the agent's own ID, with `forVenueId`). */
  readonly venueId: string;
  /** Set when a ticket agent imports its sales for another venue's events. */
  readonly forVenueId?: string;
  /** Default `'ticket-agent'` (sales reports come from ticket agents); `'box-office'` for a register's own export,
   * whose title row names its terminal. */
  readonly channel?: Channel;
  /** Kind of every event of the report; default `'show'`. */
  readonly showKind?: ShowKind;
  /** Default `'booking'` (a sale). */
  readonly mode?: UsageMode;
  /** Validate everything, register nothing. */
  readonly dryRun?: boolean;
  /** Where valid rows are registered; not needed for a dry run. */
  readonly client?: BatchRegistrar;
  /** Rows per batch request, 1–100 (the API's maximum); default 100. */
  readonly batchSize?: number;
  /** Refuse sources larger than this many bytes (checked up front when the size is known, else while streaming). Default 256 MiB. */
  readonly maxBytes?: number;
  /** Stop after this many rows; a CSV file, after twice as many lines, blank ones included. Default 1 000 000. */
  readonly maxRows?: number;
  /** Longest accepted CSV record, in bytes (catches a missing closing quote). Default 1 MiB. */
  readonly maxRecordBytes?: number;
  /** Details kept in the result for at most this many invalid/refused rows (counts stay exact). Default 10 000. */
  readonly maxRowDetails?: number;
  /**
   * XLSX: the worksheet, by name (case-insensitive) or 1-based position. Default: the first visible one with a
   * header row; later ones with a header end the import with `report-more-sheets` (none left out unnoticed).
   */
  readonly sheet?: string | number;
  /**
   * A ticket agent's venue column: the file's name → venue ID (`{ 'Teatteri Hilla': 'teatteri-hilla' }`; an ID needs
   * no entry). Such a row registers for that venue (`forVenueId`; `agent-not-authorized` unless it named the agent);
   * an unknown venue is refused, `row-venue-unknown`.
   */
  readonly venues?: Readonly<Record<string, string>>;
  /**
   * The import's own map of performances (`{ id, name, start }`): a row whose event, date and time fit one resolves to
   * its ID before the registry's list is asked — a show renamed, or a time moved, after the sale.
   */
  readonly shows?: readonly VenueShow[];
  /** A row no show fits registers under the file's own show ID (a new show) instead of `row-show-unknown`. */
  readonly newShows?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly onRow?: (event: RowEvent) => void;
};

/** How many rows of an import ended how. */
export type ImportCounts = {
  /** Data rows after the header (blank and totals rows not included). */
  readonly rows: number;
  readonly valid: number;
  readonly registered: number;
  readonly alreadyRegistered: number;
  readonly refused: number;
  readonly invalid: number;
  readonly skipped: number;
  readonly notSent: number;
  /** Valid rows the sale had accepted provisionally (the outbox's report); see `ImportResult.provisional`. */
  readonly provisional: number;
  /** Valid rows of an outbox's report that carry no record key; see `ImportResult.withoutKey`. */
  readonly withoutKey: number;
};

/** The outcome of `importSalesReport`: whether every row went in, the counts and each problem row. */
export type ImportResult = {
  /** True when every row went in (or, in a dry run, is valid) and nothing stopped the import. */
  readonly ok: boolean;
  readonly dryRun: boolean;
  readonly format: 'csv' | 'xlsx' | undefined;
  readonly encoding: 'utf-8' | 'windows-1252' | undefined;
  readonly delimiter: string | undefined;
  readonly headerRow: number | undefined;
  /** XLSX: the name of the worksheet that was read. */
  readonly sheet: string | undefined;
  /** The last row read. When `error` stopped the import, rows after it were not read at all. */
  readonly lastRow: number | undefined;
  /** True when every row was read (or, when `error` stopped the import, only after the last row). */
  readonly complete: boolean;
  readonly columns: ColumnMap | undefined;
  /** The header row's cells as written (`headings[columns.date]`); one of no column in `columns` was ignored. */
  readonly headings: readonly string[] | undefined;
  readonly counts: ImportCounts;
  /** Valid rows (in a dry run: the rows that would be registered). */
  readonly valid: readonly RowRange[];
  /** Rows this import registered. */
  readonly registered: readonly RowRange[];
  /** Rows the server already had under the same key (an earlier import of the same report). */
  readonly alreadyRegistered: readonly RowRange[];
  /** Valid rows not sent, or whose batch got no answer, because the import stopped. Safe to import again. */
  readonly notSent: readonly RowRange[];
  /**
   * Valid rows the sale accepted without an online check (the outbox's report): checked now like any other row,
   * each is also in `registered`, `alreadyRegistered`, `refused` or `notSent`.
   */
  readonly provisional: readonly RowRange[];
  /**
   * Valid rows of an outbox's report without a record key (older report, added by hand): sent under the import's
   * own key, so a terminal that still holds them sends them twice. Each is also in `registered`, …, `notSent`.
   */
  readonly withoutKey: readonly RowRange[];
  readonly refused: readonly RowOutcome[];
  readonly invalid: readonly RowOutcome[];
  /** Each performance of the file and the show ID its rows resolved to (the dry run prints it), in file order. */
  readonly shows: readonly ShowMapping[];
  /** True when more rows were refused or invalid than `maxRowDetails` kept. */
  readonly detailsTruncated: boolean;
  /** What stopped the import early (file error, size limit, network failure, cancel). */
  readonly error?: {
    readonly code: string;
    readonly params: Readonly<Record<string, string | number | boolean | undefined>>;
    readonly message: LocalizedText;
    readonly row?: number;
  };
};
