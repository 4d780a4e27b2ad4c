/**
 * The usage report's columns, and the report as CSV the way Excel opens it: UTF-8 with a BOM, CRLF line ends,
 * `;` between fields for Finnish and Swedish (Excel's list separator there), `,` for English.
 */
import type { Locale } from '../messages/define.js';
import { REPORT_COLUMN_LABELS, REPORT_MODE_LABELS } from '../messages/reports.js';
import { csvLine } from './neutralise.js';
import { addToTotals } from './usage-report-rows.js';
import type { UsageReportRow, UsageReportTotals } from './usage-report-rows.js';

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
  if (locale === 'en') return date;
  const [y, m, d] = date.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

/**
 * @example
 * const { bytes, totals } = await writeUsageCsv(rows, { locale: 'fi', delimiter: ';' });
 */
export async function writeUsageCsv(
  rows: AsyncIterable<UsageReportRow>,
  layout: ReportLayout,
): Promise<{ bytes: Uint8Array; totals: UsageReportTotals }> {
  const { locale, delimiter } = layout;
  const blank = Array<string>(COLUMNS.length - 1).fill('');
  const parts = ['\uFEFF', ...(layout.title ? [csvLine([layout.title, ...blank], delimiter)] : [])];
  parts.push(csvLine(usageHeader(locale), delimiter));
  const totals: UsageReportTotals = { adultTickets: 0, childTickets: 0, rows: 0 };
  for await (const row of rows) {
    addToTotals(totals, row);
    parts.push(
      csvLine(
        usageCells(row, locale, (iso) => formatReportDate(iso, locale)),
        delimiter,
      ),
    );
  }
  const total = [REPORT_COLUMN_LABELS.total[locale], totals.adultTickets, totals.childTickets];
  parts.push(csvLine([...total, ...blank.slice(2)], delimiter));
  return { bytes: new TextEncoder().encode(parts.join('')), totals };
}
