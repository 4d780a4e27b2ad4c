/** Retry timing for the sync loop. */
export type BackoffPolicy = {
  /** First delay after a failure, ms. */
  readonly baseMs: number;
  /** Upper bound of a delay, ms. */
  readonly maxMs: number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Caps `Retry-After` at 1 h: a far-future date must not stop sync for days, and timers past 2³¹−1 ms fire at once. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Delay before retry `failures` (1 = first): capped exponential, equal jitter; `Retry-After` a floor. */
export function nextDelay(failures: number, policy: BackoffPolicy, random: number, retryAfterMs = 0): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = exp / 2 + (exp / 2) * Math.min(1, Math.max(0, random));
  const floor = Number.isNaN(retryAfterMs) ? 0 : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAfterMs));
  return Math.max(Math.round(jittered), Math.round(floor));
}
