import type { Locale } from '../messages/define.js';
import type { OutboxRecord } from './types.js';
import { checkOptions, optionKeys } from '../errors/options-error.js';
import { reportDetails } from './report-key.js';
import { readProblemReasons } from '../messages/server-reason.js';
import { REPORT_FIELDS } from '../reports/types.js';
import { REPORT_ACCEPTANCE_LABELS, REPORT_COLUMN_LABELS, REPORT_STATUS_LABELS } from '../messages/reports.js';
import { csvLine, formatReportDate, usageCells, usageRequestToReportRows } from '../reports/usage-report.js';

// An outbox holds its own venue's usages: every column of a report but the ticket agent's venue.
const COLUMNS = REPORT_FIELDS.filter((field) => field !== 'venue');

/** Options of `toUsageReportCsv`: language, separator and byte-order mark. */
export type CsvOptions = {
  /** The language of the headers and values (default `'fi'`). */
  readonly locale?: Locale;
  /** `;` by default: what Excel expects in Finnish and Swedish locales, where `,` is the decimal mark. */
  readonly separator?: ',' | ';' | '\t';
  /** Prepend a UTF-8 byte-order mark so Excel reads ä and ö correctly. */
  readonly bom?: boolean;
};

const CSV_OPTIONS = optionKeys<CsvOptions>()('locale separator bom');

/**
 * The usage report for the manual fallback: one row per usage (card ID, one adult ticket, child
 * tickets, show name, show date) and a totals row, as in the operating model's example, followed by the
 * start time, the mode, the group visit, the check (online or provisional), the record's state, its idempotency
 * key and the request's details (JSON: target API, show ID, start, kind, channel, client time and a checksum), so
 * that `importSalesReport` on another terminal registers the same usages under the same keys: whichever of the
 * import and this outbox's own sync reaches Kaikukanta second is a replay, never a second usage. A community card's group visit is one row for the worker's
 * card (own ticket plus the under-16 clients as child tickets) and one per member's card, all with the record's
 * ID as the group visit. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) are
 * prefixed with `'`.
 *
 * @example
 * toUsageReportCsv(records, { locale: 'fi' });
 * // "Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä\r\nE2251;1;2;Taikuri Matti;3.2.2020\r\n…"
 */
export function toUsageReportCsv(records: readonly OutboxRecord[], options: CsvOptions = {}): string {
  checkOptions('toUsageReportCsv', options, CSV_OPTIONS);
  const locale = options.locale ?? 'fi';
  const sep = options.separator ?? ';';
  // The import's own columns and words (`REPORT_FIELDS`): it reads them back and sends as this outbox will.
  const header = COLUMNS.map((c) => REPORT_COLUMN_LABELS[c][locale]);
  const lines = [csvLine(header, sep)];
  let adults = 0;
  let children = 0;
  for (const r of records) {
    // Why Kaikukanta refused a needs-attention usage, in the report's language (what staff settle it with).
    const reason = (r.problem ? readProblemReasons(r.problem) : []).map((x) => x.message[locale]).join(' ');
    // Every row of the record carries its key and details: the import sends them as one usage under that key.
    for (const row of usageRequestToReportRows(r.usage, r.id)) {
      adults++;
      children += row.childTickets;
      const cells = usageCells(row, locale, (date) => formatReportDate(date, 'fi'));
      const details = reportDetails(r, row.date, row.time ?? '');
      const check = REPORT_ACCEPTANCE_LABELS[r.acceptance][locale];
      const status = REPORT_STATUS_LABELS[r.state][locale];
      lines.push(csvLine([...cells, check, status, reason, r.id, details], sep));
    }
  }
  const blank = Array<string>(COLUMNS.length - 3).fill('');
  lines.push(csvLine([REPORT_COLUMN_LABELS.total[locale], adults, children, ...blank], sep));
  return ((options.bom ?? true) ? '\uFEFF' : '') + lines.join('');
}
