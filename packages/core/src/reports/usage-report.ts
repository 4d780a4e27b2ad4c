/**
 * The official usage report (toimintamalli 2019 §9.2): rows from usages or outbox records, and the CSV as Excel
 * opens it (UTF-8 BOM, CRLF, `;` for fi/sv and `,` for en: Excel's list separator), text cells neutralised.
 */
import type { Locale } from '../messages/define.js';
import {
  REPORT_COLUMN_LABELS,
  REPORT_CONFLICT_LABEL,
  REPORT_CONFLICT_NOWHERE,
  REPORT_CONFLICT_TEXT,
  REPORT_MODE_LABELS,
} from '../messages/reports.js';
import { pad, toHelsinki as wallClock } from '../rules/helsinki-time.js';
import type { Conflict, UsageMode, UsageRecord, UsageRequest } from '../schemas/api.js';

// OWASP "CSV injection": spreadsheets run a text cell starting with one of these as a formula.
const DANGEROUS_START = /^[=+\-@\t\r]/;
// A spreadsheet set to another list separator (or a line break the quotes do not hide there) starts a cell here.
const DANGEROUS_INSIDE = /[;,\t\r\n](?=[\s"]*[=+\-@])/g;

/**
 * Makes a text cell safe to open in a spreadsheet whatever its list separator: where a formula could start (at the
 * start, after `;`, `,`, a tab or a line break) an apostrophe goes first.
 *
 * @example
 * neutraliseCell('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 * neutraliseCell('Matti, =1+1');            // "Matti,' =1+1"
 * neutraliseCell('Taikuri Matti');          // 'Taikuri Matti'
 */
export function neutraliseCell(text: string): string {
  const inside = text.replace(DANGEROUS_INSIDE, "$&'");
  return DANGEROUS_START.test(inside) ? `'${inside}` : inside;
}

/**
 * A CSV field: text neutralised, and quoted (RFC 4180) when it holds the separator, a quote, a line break or
 * edge spaces; numbers as they are.
 *
 * @example
 * csvCell('Taikuri "Matti"; 2', ';'); // '"Taikuri ""Matti""; 2"'
 */
export function csvCell(value: string | number, sep: string): string {
  if (typeof value === 'number') return String(value);
  const text = neutraliseCell(value);
  return text.includes(sep) || /["\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as Excel writes it). */
export const csvLine = (values: readonly (string | number)[], sep: string): string =>
  values.map((v) => csvCell(v, sep)).join(sep) + '\r\n';

/** The Helsinki calendar day and `HH:MM` of an instant. */
export function toHelsinki(instant: number): { date: string; time: string } {
  const t = wallClock(new Date(instant));
  return { date: `${t.year}-${pad(t.month)}-${pad(t.day)}`, time: `${pad(t.hour)}:${pad(t.minute)}` };
}

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
  /** A group visit's ID on its community card's and members' rows: the import registers them as one usage again. */
  readonly group?: string | undefined;
  /** The card's other admissions for the show during a network split (registered usages): marked, never counted. */
  readonly conflicts?: readonly Conflict[] | undefined;
};

/** The totals row of a usage report: adult and child tickets, and the number of usages. */
export type UsageReportTotals = { adultTickets: number; childTickets: number; rows: number };

/**
 * Report lines of one registered usage (none for a voided one); a group visit gives the worker's line (under-16
 * clients as child tickets) and one per member's card (000 §6).
 *
 * @example
 * usageToReportRows(record); // [{ cardId: 'A045198723', adultTickets: 1, childTickets: 2, show: 'Taikuri Matti', date: '2020-02-03' }]
 */
export function usageToReportRows(record: UsageRecord): UsageReportRow[] {
  if (record.state === 'voided') return []; // taken back within the void window: no ticket was given
  const [main, ...members] = usageRequestToReportRows(record, record.usageId);
  // The tickets the server gave, as it counted them.
  const { adult, children, under16Clients } = record.tickets;
  const conflicts = record.conflicts?.length ? { conflicts: record.conflicts } : {};
  return [
    { ...main!, adultTickets: adult, childTickets: children + under16Clients, ...conflicts },
    ...members,
  ];
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
  // A start that does not parse is written as it is: one bad record must not stop the fallback export.
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

/** How a usage report is written: language, title row, and (CSV) the delimiter. */
export type ReportLayout = Readonly<{ locale: Locale; delimiter: string; title?: string | undefined }>;

// The official five columns (001), then time and mode (an import rebuilds the same usage), the group visit, and
// the card's conflicts (an import reads none of it).
const COLUMNS = ['cardId', 'adults', 'children', 'event', 'date', 'time', 'mode', 'group'] as const;

/** A row's conflicts as its cell: where and when (Helsinki time) each other admission was, in the locale's words. */
const conflictCell = (conflicts: readonly Conflict[] | undefined, locale: Locale): string =>
  (conflicts ?? [])
    .map((c) => {
      const at = Date.parse(c.clientTime);
      const where = c.terminal ?? REPORT_CONFLICT_NOWHERE[locale];
      return REPORT_CONFLICT_TEXT[locale](where, Number.isNaN(at) ? c.clientTime : toHelsinki(at).time);
    })
    .join('; ');

/** The header row's texts; the conflict column only in a report that has a conflict. */
export const usageHeader = (locale: Locale, conflicts = false): string[] => [
  ...COLUMNS.map((c) => REPORT_COLUMN_LABELS[c][locale]),
  ...(conflicts ? [REPORT_CONFLICT_LABEL[locale]] : []),
];

/** A row's cells in column order; `date` as the writer wants it (text in CSV, a date cell in XLSX). */
export function usageCells<D>(row: UsageReportRow, locale: Locale, date: (iso: string) => D) {
  const { cardId, adultTickets, childTickets, show } = row;
  const mode = row.mode ? REPORT_MODE_LABELS[row.mode][locale] : '';
  const cells = [
    cardId,
    adultTickets,
    childTickets,
    show,
    date(row.date),
    row.time ?? '',
    mode,
    row.group ?? '',
  ];
  return row.conflicts?.length ? [...cells, conflictCell(row.conflicts, locale)] : cells;
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
  // Read whole first (the writers hold the file in memory anyway): the header has a conflict column only if needed.
  const lines: UsageLine<D>[] = [];
  for await (const row of rows) {
    addToTotals(totals, row);
    lines.push({ kind: 'row', cells: usageCells(row, locale, date) });
  }
  const conflicts = lines.some((l) => l.cells.length > COLUMNS.length);
  if (title) yield { kind: 'title', cells: [title] };
  yield { kind: 'header', cells: usageHeader(locale, conflicts) };
  yield* lines;
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
  const lines: UsageLine<string>[] = [];
  for await (const line of usageLines(rows, layout, date, totals)) lines.push(line);
  // Every line has every column (the title and totals lines too), as Excel writes a sheet.
  const width = Math.max(...lines.map((l) => l.cells.length));
  for (const { cells } of lines) {
    const blank = Array<string>(width - cells.length).fill('');
    parts.push(csvLine([...cells, ...blank], layout.delimiter));
  }
  return { bytes: new TextEncoder().encode(parts.join('')), totals };
}
