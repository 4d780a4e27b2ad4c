/** Retry timing for the sync loop. */
export type BackoffPolicy = {
  /** First delay after a failure, ms. */
  readonly baseMs: number;
  /** Upper bound of a delay, ms. */
  readonly maxMs: number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * The longest a server's `Retry-After` may park the outbox: 1 h. A proxy's far-future date or an
 * absurd number of seconds must not stop sync for days, and a timer beyond 2³¹−1 ms (24.8 days)
 * fires at once in browsers, which would turn "wait a year" into a tight retry loop.
 */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Delay before retry number `failures` (1 = first retry): exponential, capped, with "equal jitter"
 * (half fixed, half random) so that many terminals coming back online do not retry in lockstep.
 * A server's `Retry-After` is a floor, never shortened by jitter, capped at {@link MAX_RETRY_AFTER_MS};
 * an unreadable (NaN) or negative one is ignored.
 *
 * @example
 * nextDelay(3, DEFAULT_BACKOFF, Math.random(), 10_000); // ≥ 10 s
 */
export function nextDelay(failures: number, policy: BackoffPolicy, random: number, retryAfterMs = 0): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = exp / 2 + (exp / 2) * Math.min(1, Math.max(0, random));
  const floor = Number.isNaN(retryAfterMs) ? 0 : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAfterMs));
  return Math.max(Math.round(jittered), Math.round(floor));
}
