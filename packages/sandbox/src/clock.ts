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

const HELSINKI_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Helsinki calendar date (YYYY-MM-DD) of an instant. */
export function helsinkiDay(instant: Date): string {
  return HELSINKI_DAY.format(instant);
}
