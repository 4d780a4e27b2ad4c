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
export declare function resolveRetry(retry: RetryOptions | number | undefined): ResolvedRetry;
/**
 * Exponential backoff with full jitter (AWS architecture blog): a random delay in
 * [0, min(max, base · 2^(retry-1))]. `random` is injectable for tests.
 */
export declare function backoffDelay(retry: number, policy: ResolvedRetry, random?: () => number): number;
/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds
 * (≥ 0), or undefined when absent or unparsable.
 *
 * @example
 * parseRetryAfter('120', Date.now()) // 120000
 */
export declare function parseRetryAfter(value: string | null, nowMs: number): number | undefined;
