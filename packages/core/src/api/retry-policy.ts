/** Retry settings of the API client (only requests carrying an idempotency key are retried). */
export type RetryOptions = {
  /** Retries after the first attempt. Default 3. 0 disables retrying. */
  readonly limit?: number;
  /** First backoff delay; doubles each retry. Default 300 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound of one backoff delay. Default 10 000 ms. */
  readonly maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown instead. Default 60 000 ms. */
  readonly maxRetryAfterMs?: number;
};

export type ResolvedRetry = Required<RetryOptions>;

export function resolveRetry(retry: RetryOptions | number | undefined): ResolvedRetry {
  const given = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  return {
    limit: Math.max(0, Math.floor(given.limit ?? 3)),
    baseDelayMs: Math.max(0, given.baseDelayMs ?? 300),
    maxDelayMs: Math.max(0, given.maxDelayMs ?? 10_000),
    maxRetryAfterMs: Math.max(0, given.maxRetryAfterMs ?? 60_000),
  };
}

/**
 * Exponential backoff with full jitter (AWS architecture blog): a random delay in
 * [0, min(max, base · 2^(retry-1))]. `random` is injectable for tests.
 */
export function backoffDelay(
  retry: number,
  policy: ResolvedRetry,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(random() * ceiling);
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds
 * (≥ 0), or undefined when absent or unparsable.
 *
 * @example
 * parseRetryAfter('120', Date.now()) // 120000
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
