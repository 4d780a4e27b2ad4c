/** The sandbox's clock: the system clock plus an offset (settable in testing mode). */
export type Clock = {
  now(): Date;
  offsetMs: number;
};

export function createClock(offsetMs = 0): Clock {
  return {
    offsetMs,
    now() {
      return new Date(Date.now() + this.offsetMs);
    },
  };
}

const HELSINKI_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The Helsinki calendar date (YYYY-MM-DD) of an instant. Built from the formatter's parts, never from a locale's
 * own order: formatting with `en-CA` gives YYYY-MM-DD only where the engine has that locale's data, and WebKitGTK
 * falls back to `MM/DD/YYYY` (which made the demo box office's shows invalid dates there).
 */
export function helsinkiDay(instant: Date): string {
  const part = (type: string) =>
    HELSINKI_DAY.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The Helsinki calendar day `n` days after `day` (YYYY-MM-DD). */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Helsinki wall-clock time `hh:mm` on `day` as an ISO instant with that day's offset (EET/EEST). */
export function helsinkiTime(day: string, time: string): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    timeStyle: 'short',
    hourCycle: 'h23',
  });
  const offset = ['+02:00', '+03:00'].find((o) => local.format(new Date(`${day}T${time}:00${o}`)) === time);
  return `${day}T${time}:00${offset ?? '+02:00'}`;
}
