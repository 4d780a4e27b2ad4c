/**
 * The usage report as CSV the way Excel opens it: UTF-8 with a BOM, CRLF line ends, `;` between
 * fields for Finnish and Swedish (Excel's list separator there), `,` for English.
 */
import type { Locale } from '../messages/define.js';
import { REPORT_COLUMN_LABELS, REPORT_MODE_LABELS } from '../messages/reports.js';
import { neutraliseCell } from './neutralise.js';
import type { UsageReportRow, UsageReportTotals } from './usage-report-rows.js';

export type CsvLayout = {
  readonly locale: Locale;
  readonly delimiter: string;
  readonly title?: string | undefined;
};

function field(value: string | number, delimiter: string): string {
  if (typeof value === 'number') return String(value);
  const text = neutraliseCell(value);
  return /["\r\n]/.test(text) || text.includes(delimiter) || /^\s|\s$/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** `2020-02-03` as the locale writes dates: `3.2.2020` in Finnish and Swedish (Finland), ISO in English. */
export function formatReportDate(date: string, locale: Locale): string {
  if (locale === 'en') return date;
  const [y, m, d] = date.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

const line = (values: readonly (string | number)[], delimiter: string) =>
  values.map((v) => field(v, delimiter)).join(delimiter) + '\r\n';

export function csvHead(layout: CsvLayout): string {
  const l = REPORT_COLUMN_LABELS;
  // The official five columns (001), then the start time and the mode, so that an import rebuilds the same usage.
  // Then the group visit's ID, which binds a group's member rows to its community card's row.
  const header = [l.cardId, l.adults, l.children, l.event, l.date, l.time, l.mode, l.group].map(
    (label) => label[layout.locale],
  );
  const title = layout.title ? line([layout.title, '', '', '', '', '', '', ''], layout.delimiter) : '';
  return '\uFEFF' + title + line(header, layout.delimiter);
}

export function csvRow(row: UsageReportRow, layout: CsvLayout): string {
  return line(
    [
      row.cardId,
      row.adultTickets,
      row.childTickets,
      row.show,
      formatReportDate(row.date, layout.locale),
      row.time ?? '',
      row.mode ? REPORT_MODE_LABELS[row.mode][layout.locale] : '',
      row.group ?? '',
    ],
    layout.delimiter,
  );
}

export function csvTotals(totals: UsageReportTotals, layout: CsvLayout): string {
  const label = REPORT_COLUMN_LABELS.total[layout.locale];
  return line([label, totals.adultTickets, totals.childTickets, '', '', '', '', ''], layout.delimiter);
}
