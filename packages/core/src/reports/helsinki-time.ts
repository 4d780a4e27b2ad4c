/**
 * Europe/Helsinki wall-clock time ↔ instants for reports, on the rules' Helsinki calendar (one zone logic for the
 * SDK: a time in the spring-forward gap takes the offset before the change, one in the autumn overlap the earlier
 * instant). Report dates are Finnish calendar days and local times; the API wants ISO date-times with an offset
 * (+02:00 in winter, +03:00 in summer).
 */
import { fromHelsinki, toHelsinki as wallClock } from '../rules/helsinki-time.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The Helsinki calendar day and `HH:MM` of an instant. */
export function toHelsinki(instant: number): { date: string; time: string } {
  const t = wallClock(new Date(instant));
  return { date: `${t.year}-${pad(t.month)}-${pad(t.day)}`, time: `${pad(t.hour)}:${pad(t.minute)}` };
}

/**
 * The ISO date-time with offset of a Helsinki wall-clock time (`date` `YYYY-MM-DD`, `time` `HH:MM`).
 *
 * @example
 * helsinkiIso('2020-02-03', '18:30'); // '2020-02-03T18:30:00+02:00'
 */
export function helsinkiIso(date: string, time = '00:00'): string {
  const key = `${date}T${time}`;
  const cached = isoCache.get(key);
  if (cached) return cached;
  // A report has few distinct show times: Intl formatting is the costly part of a row.
  if (isoCache.size > 10_000) isoCache.clear();
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const at = fromHelsinki({ year, month, day, hour, minute, second: 0 }).getTime();
  const minutes = Math.round((Date.UTC(year, month - 1, day, hour, minute) - at) / 60_000);
  const abs = Math.abs(minutes);
  const iso = `${key}:00${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  isoCache.set(key, iso);
  return iso;
}

const isoCache = new Map<string, string>();
