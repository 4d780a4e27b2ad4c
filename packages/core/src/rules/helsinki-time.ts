/** Europe/Helsinki calendar arithmetic with Intl only (Node and browsers): venues live in Finnish time. */
import type { CalendarDurationInput } from '../schemas/show-config.js';

/** Local wall-clock fields. `month` is 1–12. */
export type LocalDateTime = { readonly [K in (typeof FIELDS)[number]]: number };

const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;

const DAY = 86_400_000;

/** Two digits: `3` → `03`. */
export const pad = (n: number | string): string => String(n).padStart(2, '0');

let formatter: Intl.DateTimeFormat | undefined;

/** The Helsinki wall-clock time of an instant. */
export function toHelsinki(instant: Date): LocalDateTime {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Helsinki',
    hourCycle: 'h23',
    ...Object.fromEntries(FIELDS.map((field) => [field, 'numeric'])),
  });
  const parts = formatter.formatToParts(instant);
  const value = (field: string): number => Number(parts.find((p) => p.type === field)?.value ?? 0);
  return Object.fromEntries(FIELDS.map((field) => [field, value(field)])) as LocalDateTime;
}

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in Helsinki.
 *
 * @example
 * helsinkiDate(new Date('2025-06-30T21:30:00Z')); // '2025-07-01'
 */
export function helsinkiDate(instant: Date): string {
  const t = toHelsinki(instant);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** An instant as Finns write it: `d.m.yyyy hh.mm` (`28.2.2026 19.00`), Helsinki time. */
export function formatHelsinki(instant: Date): string {
  const t = toHelsinki(instant);
  return `${t.day}.${t.month}.${t.year} ${pad(t.hour)}.${pad(t.minute)}`;
}

/**
 * The instant of a Helsinki wall-clock time: a spring-forward gap time is read with the offset before the change
 * (03.30 is 04.30 EEST); in the autumn overlap the earlier instant is taken.
 */
export function fromHelsinki(local: LocalDateTime): Date {
  const wall = wallOf(local);
  const before = wall - offsetAt(new Date(wall - DAY));
  const after = wall - offsetAt(new Date(wall + DAY));
  const matching = [before, after].filter((t) => wallOf(toHelsinki(new Date(t))) === wall);
  return new Date(matching.length > 0 ? Math.min(...matching) : before);
}

/**
 * The instant a calendar duration before `instant`: months and days on the Helsinki calendar (wall clock kept across
 * DST; the 31st becomes a shorter month's last day), then hours and minutes as elapsed time.
 */
export function helsinkiBefore(instant: Date, duration: CalendarDurationInput): Date {
  const t = toHelsinki(instant);
  const monthIndex = t.year * 12 + (t.month - 1) - (duration.months ?? 0);
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(t.day, daysInMonth(year, month)) - (duration.days ?? 0);
  const date = new Date(Date.UTC(year, month - 1, day));
  const local = { ...t, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  const elapsed = ((duration.hours ?? 0) * 60 + (duration.minutes ?? 0)) * 60_000;
  return new Date(fromHelsinki(local).getTime() - elapsed);
}

/** An instant from a `Date` (copied) or an ISO string with offset; `undefined` stays `undefined`. */
export function toDate(value: Date | string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value instanceof Date ? value.getTime() : value);
}

/** A wall-clock time read as if it were UTC: wall clocks compare, and minus the instant give the offset. */
function wallOf(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

function offsetAt(instant: Date): number {
  return wallOf(toHelsinki(instant)) - Math.floor(instant.getTime() / 1000) * 1000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
