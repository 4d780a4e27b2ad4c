/**
 * Dates and times of report cells: Finnish `3.2.2020` / `03.02.2020 klo 18.30`, ISO `2020-02-03` /
 * `2020-02-03T18:30`, spreadsheet date cells and Excel serial numbers. Ambiguous forms such as
 * `3/2/2020` or two-digit years are refused rather than guessed.
 */
import { toHelsinki } from './usage-report.js';
import { checkOptions, type OptionKeys } from '../errors/options-error.js';
import type { CellValue } from './types.js';

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
// Weekday names and abbreviations ticket systems put before the date ("ti 4.2.2020", "Tue 4.2.2020"),
// Finnish, Swedish and English; the value is the day of the week, 0 = Sunday. "ti"/"to" agree in fi and sv.
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
const DATE_OPTIONS = { date1904: true } as const satisfies OptionKeys<DateOptions>;

const pad = (n: number | string) => String(n).padStart(2, '0');
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
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? INVALID : fromWallClockUtc(cell);
  }
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
