/**
 * Validates one sales-report row: card ID (rules core), exactly one adult ticket, 0–20 child tickets,
 * an event name and a date. Pure: every reason is listed, nothing throws.
 *
 * Dates and times: Finnish `3.2.2020` / `03.02.2020 klo 18.30`, ISO `2020-02-03` / `2020-02-03T18:30`,
 * spreadsheet date cells and Excel serial numbers. Ambiguous forms such as `3/2/2020` or two-digit years are
 * refused rather than guessed.
 */
import { parseCardId } from '../card-id/parse-card-id.js';
import { MAX_CHILD_TICKETS } from '../schemas/api-request.js';
import { isCommunityCard, readKeyCells } from './usage-from-row.js';
import type { ColumnMap } from './header.js';
import { checkOptions, optionKeys } from '../errors/options-error.js';
import { toHelsinki } from './usage-report.js';
import { pad } from '../rules/helsinki-time.js';
import { clip, officeText, reportText, rowError } from './report-error.js';
import type { LocalizedText } from '../messages/define.js';
import { REPORT_ACCEPTANCE_LABELS, REPORT_MODE_LABELS, REPORT_STATUS_LABELS } from '../messages/reports.js';
import type { ReportMessageCode } from '../messages/reports.js';
import {
  REPORT_FIELDS,
  type CellValue,
  type RawRow,
  type ReportField,
  type RowError,
  type RowOutcome,
  type SalesRow,
} from './types.js';

/** The API's limit of a show name (schemas/api-request.ts). */
const MAX_EVENT_LENGTH = 300;
/** A group visit's ID: the API's ID length (a usage ID or an outbox record ID). */
const MAX_GROUP_LENGTH = 128;

/** A sales-report row checked: the sale as a `SalesRow`, or its row number, card ID and every error. */
export type RowValidation =
  { readonly ok: true; readonly row: SalesRow } | ({ readonly ok: false } & RowOutcome);

// OWASP CSV injection: cells a spreadsheet may run as a formula (not a negative number or a lone dash).
const FORMULA_START = /^(?!\s*-\d+\s*$)(?!\s*[-\u2013\u2014]\s*$)(?:[\t\r]|\s*[=+\-@])/;
// A count as people type it: "2", " 2 ", "2,0", "2 kpl" / "2 st" / "2 pcs"; a lone dash means none.
const INTEGER = /^\s*(\d{1,6})(?:[.,]0+)?\s*(?:kpl|st|stk|pcs|pc)?\.?\s*$/i;
const DASH = /^\s*[-\u2013\u2014]\s*$/;
// Excel's text marker: a leading apostrophe typed (or exported) to keep "0123" or "3.2.2020" as text.
const TEXT_MARKER = /^\s*'/;

/** True when a cell could be run as a formula by a spreadsheet (or is one). */
function looksLikeFormula(cell: CellValue): boolean {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return true;
  return typeof cell === 'string' && FORMULA_START.test(cell);
}

/** A cell as display text (dates as ISO), for messages. */
function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  if (typeof cell === 'object') return `=${cell.formula}`;
  return String(cell);
}

function count(cell: CellValue): number | undefined {
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  if (DASH.test(cell)) return 0;
  const m = INTEGER.exec(cell);
  return m ? Number(m[1]) : undefined;
}

/** The key whose label (in any language) is `text`, lower-cased. */
function labelled<K extends string>(labels: Record<K, Readonly<Record<string, string>>>, text: string) {
  return (Object.keys(labels) as K[]).find((key) => Object.values(labels[key]).includes(text.toLowerCase()));
}

/** A report's date cell read as an ISO date (and a time, when the cell had one), or a `row-date-*` code. */
export type DateResult =
  | { readonly ok: true; readonly date: string; readonly time?: string }
  | { readonly ok: false; readonly code: 'row-date-missing' | 'row-date-invalid' | 'row-date-weekday' };

/** A report's time cell read as `HH:MM` (absent when empty), or `row-time-invalid`. */
export type TimeResult =
  { readonly ok: true; readonly time?: string } | { readonly ok: false; readonly code: 'row-time-invalid' };

// `3.2.2020`, `3.2.2020 18.30`, `3.2.2020 klo 18`: the day, and a time as a time cell writes it (`TIME`).
const FINNISH = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?(?:,?\s+(.+))?$/;
// A show's time span, "18.30–20.00": the start is what counts.
const TIME_RANGE_END = /(\d[.:]\d{2}|kl\S*\s*\d{1,2})\s*[-–—]\s*\d{1,2}[.:]\d{2}$/i;
const withoutRangeEnd = (text: string) => text.replace(TIME_RANGE_END, '$1');
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
// Year first is never ambiguous: 2020/02/03, 2020.2.3.
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T]+(.+))?$/;
// An Excel serial day written out as text (a date column formatted "General" and saved as CSV), 2000–2099.
const SERIAL_TEXT = /^(\d{5})(?:[.,](\d+))?$/;
const SERIAL_MIN = 36526;
const SERIAL_MAX = 73415;
// Weekday names put before a date ("ti 4.2.2020") in fi, sv and en, 0 = Sunday ("ti"/"to" agree in fi and sv).
const WEEKDAY_NAMES = [
  'su sunnuntai sö sön söndag sun sunday',
  'ma maanantai må mån måndag mon monday',
  'ti tiistai tis tisdag tue tues tuesday',
  'ke keskiviikko on ons onsdag wed wednesday',
  'to torstai tor tors torsdag thu thur thurs thursday',
  'pe perjantai fr fre fredag fri friday',
  'la lauantai lö lör lördag sat saturday',
];
const WEEKDAYS = new Map(
  WEEKDAY_NAMES.flatMap((names, day) => names.split(' ').map((n) => [n, day] as const)),
);
const WEEKDAY_PREFIX = /^([\p{L}]{2,11})\.?,?\s+(?=\d)/u;
const TIME = /^(klo\.?|kl\.?)?\s*(\d{1,2})(?:[.:](\d{2})(?:[.:]\d{2})?)?$/i;
const timeMatch = (text: string) => TIME.exec(text) ?? TIME.exec(withoutRangeEnd(text));
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
// Serial day 0 of the 1904 date system (Excel for Mac workbooks) is serial 1462 of the 1900 system.
const DAYS_1900_TO_1904 = 1462;

/** `date1904`: number cells come from a workbook in Excel's 1904 date system. */
export type DateOptions = { readonly date1904?: boolean };
const DATE_OPTIONS = optionKeys<DateOptions>()('date1904');

const INVALID = { ok: false, code: 'row-date-invalid' } as const;

function calendarDate(y: number, m: number, d: number): string | undefined {
  if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function clock(h: number, m: number): string | undefined {
  return h <= 23 && m <= 59 ? `${pad(h)}:${pad(m)}` : undefined;
}

function fromWallClockUtc(value: Date): DateResult {
  const date = calendarDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  if (!date) return INVALID;
  const h = value.getUTCHours();
  const m = value.getUTCMinutes();
  return h === 0 && m === 0 ? { ok: true, date } : { ok: true, date, time: `${pad(h)}:${pad(m)}` };
}

function fromSerial(serial: number): DateResult {
  return fromWallClockUtc(new Date(EXCEL_EPOCH + Math.round(serial * 1440) * 60_000));
}

/** A weekday before the date must name the date's own day: "ma 4.2.2020" (a Tuesday) is a typo somewhere. */
function parseWithWeekday(text: string): DateResult {
  const prefix = WEEKDAY_PREFIX.exec(text);
  const weekday = prefix ? WEEKDAYS.get(prefix[1]!.toLowerCase()) : undefined;
  if (!prefix || weekday === undefined) return parseText(text);
  const result = parseText(text.slice(prefix[0].length));
  if (!result.ok) return result;
  const day = new Date(`${result.date}T00:00:00Z`).getUTCDay();
  return day === weekday ? result : { ok: false, code: 'row-date-weekday' };
}

function parseText(text: string): DateResult {
  const serial = SERIAL_TEXT.exec(text);
  if (serial) {
    const value = Number(`${serial[1]}.${serial[2] ?? 0}`);
    return value >= SERIAL_MIN && value < SERIAL_MAX + 1 ? fromSerial(value) : INVALID;
  }
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) {
    const [, y, m, d, rest] = yearFirst;
    const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    return parseText(rest === undefined ? iso : `${iso} ${rest.trim()}`);
  }
  const fi = FINNISH.exec(text);
  if (fi) {
    const date = calendarDate(Number(fi[3]), Number(fi[2]), Number(fi[1]));
    if (!date || fi[4] === undefined) return date ? { ok: true, date } : INVALID;
    const t = timeMatch(fi[4]);
    // After a date, hours alone only after "klo"/"kl" (`3.2.2020 18` may be anything).
    const time = t && (t[1] ?? t[3]) !== undefined ? clock(Number(t[2]), Number(t[3] ?? 0)) : undefined;
    return time ? { ok: true, date, time } : INVALID;
  }
  const iso = ISO.exec(text);
  if (!iso) return INVALID;
  const date = calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (!date) return INVALID;
  if (iso[4] === undefined) return iso[6] ? INVALID : { ok: true, date };
  const time = clock(Number(iso[4]), Number(iso[5]));
  if (!time) return INVALID;
  if (!iso[6]) return { ok: true, date, time };
  // An instant with an offset: the show's day and time are those of Helsinki.
  const offset = iso[6] === 'Z' ? 'Z' : iso[6].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const local = toHelsinki(Date.parse(`${date}T${time}:00${offset}`));
  const localDate = calendarDate(...(local.date.split('-').map(Number) as [number, number, number]));
  return localDate ? { ok: true, date: localDate, time: local.time } : INVALID;
}

/**
 * Parses a date cell into a calendar day (and a time, when the cell has one).
 *
 * @example
 * parseReportDate('3.2.2020 klo 18.30'); // { ok: true, date: '2020-02-03', time: '18:30' }
 */
export function parseReportDate(cell: CellValue, options: DateOptions = {}): DateResult {
  checkOptions('parseReportDate', options, DATE_OPTIONS);
  if (cell === null || (typeof cell === 'string' && cell.trim() === ''))
    return { ok: false, code: 'row-date-missing' };
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? INVALID : fromWallClockUtc(cell);
  if (typeof cell === 'number') {
    // An Excel serial day number (1900 date system), when the cell had no date format.
    if (!Number.isFinite(cell) || cell < 1) return INVALID;
    return fromSerial(options.date1904 ? cell + DAYS_1900_TO_1904 : cell);
  }
  if (typeof cell !== 'string') return INVALID;
  return parseWithWeekday(cell.trim().replace(/\s+/g, ' '));
}

/**
 * Parses a separate time cell (`18.30`, `18:30`, `klo 18`, an Excel time). Empty means no time.
 *
 * @example
 * parseReportTime('klo 19.00'); // { ok: true, time: '19:00' }
 */
export function parseReportTime(cell: CellValue): TimeResult {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { ok: true };
  let minutes: number | undefined;
  if (cell instanceof Date && !Number.isNaN(cell.getTime())) {
    minutes = cell.getUTCHours() * 60 + cell.getUTCMinutes();
  } else if (typeof cell === 'number' && cell >= 0 && cell < 1) {
    minutes = Math.round(cell * 1440) % 1440;
  } else if (typeof cell === 'string') {
    const m = timeMatch(cell.trim());
    const time = m ? clock(Number(m[2]), Number(m[3] ?? 0)) : undefined;
    return time ? { ok: true, time } : { ok: false, code: 'row-time-invalid' };
  }
  if (minutes === undefined) return { ok: false, code: 'row-time-invalid' };
  return { ok: true, time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
}

/**
 * Checks one raw row of a sales report against the recognised columns; never throws: every problem is a
 * `row-*` error with its text.
 *
 * @example
 * validateSalesRow({ row: 2, cells: ['A045198723', 1, 2, 'Taikuri Matti', '3.2.2020'] },
 *   { cardId: 0, adults: 1, children: 2, event: 3, date: 4 });
 * // { ok: true, row: { row: 2, cardId: 'A045198723', childTickets: 2, event: 'Taikuri Matti', date: '2020-02-03' } }
 */
export function validateSalesRow(raw: RawRow, columns: ColumnMap, options: DateOptions = {}): RowValidation {
  if (raw.error) {
    const message = reportText(raw.error.code as ReportMessageCode, raw.error.params);
    return { ok: false, row: raw.row, errors: [{ ...raw.error, message }] };
  }
  const cell = (field: ReportField): CellValue => {
    const index = columns[field];
    const value = index === undefined ? null : (raw.cells[index] ?? null);
    // The event name is kept as written; in the other columns an apostrophe is only Excel's text marker.
    return field !== 'event' && typeof value === 'string' ? value.replace(TEXT_MARKER, '') : value;
  };
  const text = (field: ReportField) => cellText(cell(field)).trim();
  const value = (field: ReportField) => ({ value: clip(cellText(cell(field))) });
  // The columns the import reads, in column order: a formula is reported, and that column's checks are skipped.
  const formulas = new Set(REPORT_FIELDS.filter((field) => looksLikeFormula(cell(field))));
  const errors: RowError[] = [...formulas].map((field) => rowError('row-formula', field, { field }));
  const fail = (field: ReportField, code: ReportMessageCode, params?: Record<string, string | number>) => {
    if (!formulas.has(field)) errors.push(rowError(code, field, params));
  };

  let cardId: string | undefined;
  const cardText = text('cardId');
  if (cardText === '') fail('cardId', 'row-card-id-missing');
  else if (!formulas.has('cardId')) {
    // The scanner's parser as it is (grouped IDs included): an import shows the same reason as a scanner.
    const checked = parseCardId(cardText);
    if (checked.ok) cardId = checked.id;
    else {
      const { code, params, message } = checked.error;
      errors.push({ ...checked.error, field: 'cardId', message: officeText(code, params, message) });
    }
  }
  if (text('adults') !== '' && count(cell('adults')) !== 1)
    fail('adults', 'row-adults-not-one', value('adults'));
  const children = text('children') === '' ? 0 : count(cell('children'));
  if (children === undefined || children > MAX_CHILD_TICKETS)
    fail('children', 'row-children-invalid', value('children'));
  const event = cellText(cell('event')).normalize('NFC').replace(/\s+/g, ' ').trim();
  if (event === '') fail('event', 'row-event-missing');
  else if (event.length > MAX_EVENT_LENGTH) fail('event', 'row-event-too-long', { limit: MAX_EVENT_LENGTH });
  const date = parseReportDate(cell('date'), options);
  if (!date.ok) fail('date', date.code, date.code === 'row-date-missing' ? {} : value('date'));
  const time = parseReportTime(cell('time'));
  if (!time.ok) fail('time', 'row-time-invalid', value('time'));
  // A column of words the report writes (`messages/reports.ts`), read back in any of the languages.
  const word = <K extends string>(
    field: 'mode' | 'acceptance' | 'status',
    labels: Record<K, LocalizedText>,
  ) => {
    const key = labelled(labels, text(field));
    if (text(field) !== '' && !key) fail(field, `row-${field}-invalid`, value(field));
    return key;
  };
  const mode = word('mode', REPORT_MODE_LABELS);
  const group = text('group');
  if (group.length > MAX_GROUP_LENGTH) fail('group', 'row-group-unknown', { group: clip(group) });
  if (group !== '' && children && cardId && !isCommunityCard(cardId))
    errors.push(rowError('row-group-member-children', 'children'));
  const acceptance = word('acceptance', REPORT_ACCEPTANCE_LABELS);
  // The outbox's report lists the usages still waiting and those Kaikukanta refused: only the waiting ones go in.
  const status = word('status', REPORT_STATUS_LABELS);
  if (status === 'needs-attention') errors.push(rowError('row-needs-attention', 'status'));
  else if (status && status !== 'pending') fail('status', 'row-status-invalid', value('status'));
  // The outbox's report: the record's key and the request's details, sent as the outbox would send them.
  const keyCells = readKeyCells(text('key'), text('details'));
  if (!keyCells.ok && !formulas.has('key') && !formulas.has('details')) errors.push(...keyCells.errors);

  if (errors.length > 0 || !date.ok || !time.ok || cardId === undefined || children === undefined) {
    const shown = cardId ?? cardText;
    return { ok: false, row: raw.row, ...(shown ? { cardId: shown } : {}), errors };
  }
  const startTime = time.time ?? date.time;
  const venue = text('venue').normalize('NFC');
  return {
    ok: true,
    row: {
      row: raw.row,
      cardId,
      childTickets: children,
      event,
      date: date.date,
      ...(startTime ? { time: startTime } : {}),
      ...(mode ? { mode } : {}),
      ...(group ? { group } : {}),
      ...(venue ? { venue } : {}),
      ...(acceptance ? { acceptance } : {}),
      ...(keyCells.ok && keyCells.key ? { key: keyCells.key } : {}),
    },
  };
}
