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
