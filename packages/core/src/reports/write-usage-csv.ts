/**
 * The usage report's columns, and the report as CSV the way Excel opens it: UTF-8 with a BOM, CRLF line ends,
 * `;` between fields for Finnish and Swedish (Excel's list separator there), `,` for English.
 */
import type { Locale } from '../messages/define.js';
import { REPORT_COLUMN_LABELS, REPORT_MODE_LABELS } from '../messages/reports.js';
import { csvLine } from './neutralise.js';
import { addToTotals, type UsageReportRow, type UsageReportTotals } from './usage-report-rows.js';

/** How a usage report is written: language, title row, and (CSV) the delimiter. */
export type ReportLayout = {
  readonly locale: Locale;
  readonly delimiter: string;
  readonly title?: string | undefined;
};

// The official five columns (001), then the start time and the mode, so that an import rebuilds the same usage,
// then the group visit's ID, which binds a group's member rows to its community card's row.
const COLUMNS = ['cardId', 'adults', 'children', 'event', 'date', 'time', 'mode', 'group'] as const;

/** The header row's texts. */
export const usageHeader = (locale: Locale): string[] => COLUMNS.map((c) => REPORT_COLUMN_LABELS[c][locale]);

/** A row's cells in column order; `date` as the writer wants it (text in CSV, a date cell in XLSX). */
export function usageCells<D>(row: UsageReportRow, locale: Locale, date: (iso: string) => D) {
  const mode = row.mode ? REPORT_MODE_LABELS[row.mode][locale] : '';
  return [
    row.cardId,
    row.adultTickets,
    row.childTickets,
    row.show,
    date(row.date),
    row.time ?? '',
    mode,
    row.group ?? '',
  ];
}

/** `2020-02-03` as the locale writes dates: `3.2.2020` in Finnish and Swedish (Finland), ISO in English. */
export function formatReportDate(date: string, locale: Locale): string {
  if (locale === 'en' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const [y, m, d] = date.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

/** A line of the report: the title (when given), the header, one per usage row, or the totals. */
export type UsageLine<D> = {
  readonly kind: 'title' | 'header' | 'row' | 'totals';
  readonly cells: readonly (string | number | D)[];
};

/** The report's lines in order, counting the totals into `totals`; `date` as in `usageCells`. */
export async function* usageLines<D>(
  rows: AsyncIterable<UsageReportRow>,
  { locale, title }: ReportLayout,
  date: (iso: string) => D,
  totals: UsageReportTotals,
): AsyncGenerator<UsageLine<D>> {
  if (title) yield { kind: 'title', cells: [title] };
  yield { kind: 'header', cells: usageHeader(locale) };
  for await (const row of rows) {
    addToTotals(totals, row);
    yield { kind: 'row', cells: usageCells(row, locale, date) };
  }
  yield {
    kind: 'totals',
    cells: [REPORT_COLUMN_LABELS.total[locale], totals.adultTickets, totals.childTickets],
  };
}

/**
 * @example
 * const { bytes, totals } = await writeUsageCsv(rows, { locale: 'fi', delimiter: ';' });
 */
export async function writeUsageCsv(
  rows: AsyncIterable<UsageReportRow>,
  layout: ReportLayout,
): Promise<{ bytes: Uint8Array; totals: UsageReportTotals }> {
  const totals: UsageReportTotals = { adultTickets: 0, childTickets: 0, rows: 0 };
  const parts = ['\uFEFF'];
  const date = (iso: string) => formatReportDate(iso, layout.locale);
  for await (const { cells } of usageLines(rows, layout, date, totals)) {
    // Every line has every column (the title and totals lines too), as Excel writes a sheet.
    const blank = Array<string>(COLUMNS.length - cells.length).fill('');
    parts.push(csvLine([...cells, ...blank], layout.delimiter));
  }
  return { bytes: new TextEncoder().encode(parts.join('')), totals };
}
