/** The sandbox's clock: the system clock plus an offset (settable in testing mode). */
export type Clock = { now(): Date; offsetMs: number };

export function createClock(offsetMs = 0): Clock {
  return {
    offsetMs,
    now() {
      return new Date(Date.now() + this.offsetMs);
    },
  };
}

// Helsinki calendar days and wall-clock times by the SDK's one zone logic (the rules' and the reports').
export { helsinkiDate as helsinkiDay, helsinkiIso as helsinkiTime } from '@kaiku-scanner/core/contract';

/** The Helsinki calendar day `n` days after `day` (YYYY-MM-DD). */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
