/**
 * `exportUsageReport`: a venue's usage report for a period as CSV or XLSX in the official layout (toimintamalli 2019
 * §9.2); XLSX by the SDK's own writer (no exceljs), with date cells and text as it is (CSV's text neutralised).
 */
import { checkOptions, optionKeys } from '../errors/options-error.js';
import type { Locale } from '../messages/define.js';
import type { UsageListQuery, UsageRecord } from '../schemas/api.js';
import { ReportError } from './report-error.js';
import { usageLines, usageToReportRows, writeUsageCsv } from './usage-report.js';
import type { ReportLayout, UsageReportRow, UsageReportTotals } from './usage-report.js';
import { writeXlsx, type XlsxRow } from './write-xlsx.js';

/** The part of the API client the export uses (`createApiClient(…)` satisfies it). */
export type UsageSource = {
  iterateUsages(query: UsageListQuery, options?: { signal?: AbortSignal }): AsyncIterable<UsageRecord>;
};

/** Options of `exportUsageReport`: the rows (or a client, venue and period to read them from) and the format. */
export type ExportUsageReportOptions = {
  /** `'csv'` or `'xlsx'` (both written by the SDK: exceljs is needed only to read XLSX). */
  readonly format: 'csv' | 'xlsx';
  /** Language of the column names and date format; default `'fi'`. */
  readonly locale?: Locale;
  /** Report lines given directly (or registered usages, e.g. from `listUsages`)… */
  readonly rows?: Iterable<UsageReportRow | UsageRecord> | AsyncIterable<UsageReportRow | UsageRecord>;
  /** …or read from Kaikukanta: the venue's usages whose show is in [from, to] (`YYYY-MM-DD`, inclusive). */
  readonly client?: UsageSource;
  readonly venueId?: string;
  readonly from?: string;
  readonly to?: string;
  /** A title row above the header, e.g. the venue's name (the template has one). */
  readonly title?: string;
  /** CSV only: default `;` for Finnish and Swedish (Excel's list separator there), `,` for English. */
  readonly delimiter?: ';' | ',' | '\t';
  readonly signal?: AbortSignal;
};

const EXPORT_OPTIONS = optionKeys<ExportUsageReportOptions>()(
  'format locale rows client venueId from to title delimiter signal',
);

/** A written usage report: its bytes, MIME type, a suggested file name and the totals. */
export type ExportedReport = {
  readonly bytes: Uint8Array;
  /** `text/csv;charset=utf-8` or the XLSX MIME type. */
  readonly mimeType: string;
  /** A suggested file name, e.g. `kaikukortti-teatteri-hilla-2020-02-01-2020-02-29.xlsx`. */
  readonly fileName: string;
  readonly totals: UsageReportTotals;
  /** XLSX only: false where the browser cannot deflate (no `CompressionStream('deflate-raw')`): valid, larger. */
  readonly compressed?: boolean;
};

function dateCell(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

async function writeUsageXlsx(
  rows: AsyncIterable<UsageReportRow>,
  layout: ReportLayout,
): Promise<{ bytes: Uint8Array; totals: UsageReportTotals; compressed?: boolean }> {
  const totals: UsageReportTotals = { adultTickets: 0, childTickets: 0, rows: 0 };
  const lines: XlsxRow[] = [];
  for await (const { kind, cells } of usageLines(rows, layout, dateCell, totals)) {
    const style = kind === 'row' ? 0 : kind === 'title' ? 2 : 1;
    // A text cell is never run as a formula in XLSX: it holds the text as it is.
    lines.push({ cells, style });
  }
  const dateFormat = layout.locale === 'en' ? 'yyyy-mm-dd' : 'd.m.yyyy';
  const written = await writeXlsx('Kaikukortti', lines, [16, 16, 20, 40, 14, 12, 14, 38, 48], dateFormat);
  return { ...written, totals };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isRecord = (row: UsageReportRow | UsageRecord): row is UsageRecord =>
  typeof (row as UsageRecord).show === 'object' && typeof (row as UsageRecord).tickets === 'object';

/** The given rows (registered usages as their report lines), or the venue's usages read from the client. */
async function* reportRows(options: ExportUsageReportOptions): AsyncGenerator<UsageReportRow> {
  const { client, venueId, from, to, signal } = options;
  let rows = options.rows;
  if (!rows) {
    if (!client || !venueId || !from || !to || !ISO_DATE.test(from) || !ISO_DATE.test(to) || from > to)
      throw new ReportError('report-options-invalid', { option: 'client, venueId, from, to' });
    rows = client.iterateUsages({ venueId, from, to }, signal ? { signal } : {});
  }
  // Each card's registered bookings per show, by tickets: a collection they cover is their purchase (one row).
  const booked = new Map<string, number>();
  for await (const row of rows) {
    if (!isRecord(row)) yield row;
    else if (row.state !== 'voided') {
      const key = JSON.stringify([row.forVenueId ?? row.venueId, row.show.id, row.cardId]);
      const held = booked.get(key) ?? 0;
      if (row.mode === 'booking') booked.set(key, held + row.tickets.total);
      else if (row.tickets.total <= held) continue;
      yield* usageToReportRows(row);
    }
  }
}

function fileName(options: ExportUsageReportOptions): string {
  const slug = (options.venueId ?? 'kaikukortti')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const period = options.from && options.to ? `-${options.from}-${options.to}` : '';
  return `kaikukortti-${slug || 'report'}${period}.${options.format}`;
}

/**
 * Writes a usage report (CSV or XLSX) from given rows, or from a venue's usages read from Kaikukanta page by page.
 * Rejects with the API client's errors or a `ReportError` (`report-*`); an unknown option throws `OptionsError`.
 *
 * @example
 * const report = await exportUsageReport({ client, venueId: 'teatteri-hilla', from: '2020-02-01', to: '2020-02-29', format: 'xlsx' });
 * await writeFile(report.fileName, report.bytes);
 */
export async function exportUsageReport(options: ExportUsageReportOptions): Promise<ExportedReport> {
  checkOptions('exportUsageReport', options, EXPORT_OPTIONS);
  const locale = options.locale ?? 'fi';
  if (options.format !== 'csv' && options.format !== 'xlsx')
    throw new ReportError('report-options-invalid', { option: 'format' });
  const rows = reportRows(options);
  const delimiter = options.delimiter ?? (locale === 'en' ? ',' : ';');
  const layout = { locale, title: options.title, delimiter };
  const xlsx = options.format === 'xlsx';
  const written = await (xlsx ? writeUsageXlsx : writeUsageCsv)(rows, layout);
  const mimeType = xlsx
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv;charset=utf-8';
  return { ...written, fileName: fileName(options), mimeType };
}
