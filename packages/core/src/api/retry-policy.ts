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

/** RFC 9110 §5.6.7 HTTP-date: IMF-fixdate, obsolete RFC 850 and asctime forms (nothing looser). */
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

function parseHttpDate(text: string | null | undefined): number | undefined {
  if (!text || !HTTP_DATE.test(text.trim())) return undefined;
  const trimmed = text.trim();
  // asctime has no zone: it is GMT by definition.
  const at = Date.parse(trimmed.endsWith('GMT') ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds
 * (≥ 0), or undefined when absent or unparsable (then the normal backoff applies).
 *
 * An HTTP-date is measured against the response's own `Date` header when one is given (`serverDate`):
 * a terminal whose clock is hours off would otherwise wait hours, or not at all. Only without a
 * readable `Date` (cross-origin, unless the server exposes it) is the local clock used.
 *
 * @example
 * parseRetryAfter('120', Date.now()) // 120000
 */
export function parseRetryAfter(
  value: string | null,
  nowMs: number,
  serverDate?: string | null,
): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  if (/^\d+$/.test(text)) return Number.MAX_SAFE_INTEGER; // absurdly long: callers cap or refuse to wait
  const at = parseHttpDate(text);
  if (at === undefined) return undefined;
  const reference = parseHttpDate(serverDate) ?? nowMs;
  return Math.max(0, at - reference);
}
