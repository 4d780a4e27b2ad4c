/**
 * Europe/Helsinki wall-clock time ↔ instants. Report dates are Finnish calendar days and local times;
 * the API wants ISO date-times with an offset (+02:00 in winter, +03:00 in summer).
 */

const ZONE = 'Europe/Helsinki';
let formatter: Intl.DateTimeFormat | undefined;

function parts(instant: number): { date: string; time: string; asUtc: number } {
  formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p: Record<string, string> = {};
  for (const { type, value } of formatter.formatToParts(instant)) p[type] = value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  return { date, time, asUtc: Date.parse(`${date}T${time}:${p.second}Z`) };
}

/** The Helsinki calendar day and `HH:MM` of an instant. */
export function toHelsinki(instant: number): { date: string; time: string } {
  const { date, time } = parts(instant);
  return { date, time };
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
  const iso = computeIso(date, time);
  isoCache.set(key, iso);
  return iso;
}

const isoCache = new Map<string, string>();

function computeIso(date: string, time: string): string {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // The offset at the guessed instant; a second pass settles the days when daylight saving changes.
  let offset = parts(wall - 2 * 3600_000).asUtc - (wall - 2 * 3600_000);
  offset = parts(wall - offset).asUtc - (wall - offset);
  const minutes = Math.round(offset / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}
