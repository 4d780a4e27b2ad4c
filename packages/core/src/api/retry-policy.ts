/** Every retry decision of the API client as pure functions; `send-request.ts` only carries them out. */
import { ApiAbortError, ApiHttpError, ApiProblemError, KaikuApiError } from './api-errors.js';

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

/** Exponential backoff with full jitter (AWS architecture blog): random in [0, min(max, base · 2^(retry-1))]. */
export function backoffDelay(retry: number, policy: ResolvedRetry, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(random() * ceiling);
}

/** The longest `Retry-After` a read (no idempotency key) waits for before it is repeated. */
export const READ_RETRY_AFTER_MAX_MS = 5_000;

/** What the request allows. */
export type AttemptPlan = {
  /** A usage with an idempotency key: safe to resend after any transient failure. */
  readonly keyed: boolean;
  readonly retry: ResolvedRetry;
};

/** Attempts made so far: `retries` counts resends after a failure (the token refresh's resend not among them). */
export type AttemptState = {
  readonly retries: number;
  /** A fresh token was already asked for. */
  readonly refreshed: boolean;
};

/** The decision after a failed attempt. */
export type NextAttempt =
  | { readonly kind: 'retry'; readonly afterMs: number }
  | { readonly kind: 'refresh-token' }
  | { readonly kind: 'give-up' };

const GIVE_UP: NextAttempt = { kind: 'give-up' };

/** A 2xx that is not the contract's JSON, or an answer too large, will not improve on an immediate resend. */
const NOT_BETTER_ON_RESEND = new Set(['content-type', 'malformed-json', 'schema', 'response-too-large']);

function retryAfterOf(error: KaikuApiError): number | undefined {
  return error instanceof ApiHttpError || error instanceof ApiProblemError ? error.retryAfterMs : undefined;
}

/**
 * Decides the next step after `error`: `http-401` asks once for a fresh token (not counted as a retry); a keyed
 * request retries a retryable error after `Retry-After` (up to `maxRetryAfterMs`) or backoff; a read only when the
 * server asks (`Retry-After` ≤ 5 s), so an offline look-up fails fast; anything else gives up.
 *
 * @example
 * nextAttempt(new ApiNetworkError(), { retries: 0, refreshed: false }, { keyed: true, retry: resolveRetry(3) }, () => 0.5);
 * // { kind: 'retry', afterMs: 150 }
 */
export function nextAttempt(
  error: unknown,
  state: AttemptState,
  plan: AttemptPlan,
  random: () => number,
): NextAttempt {
  if (!(error instanceof KaikuApiError)) return GIVE_UP;
  if (error.code === 'http-401') return state.refreshed ? GIVE_UP : { kind: 'refresh-token' };
  if (!error.retryable || error instanceof ApiAbortError || NOT_BETTER_ON_RESEND.has(error.code))
    return GIVE_UP;
  if (state.retries >= plan.retry.limit) return GIVE_UP;
  const retryAfter = retryAfterOf(error);
  if (!plan.keyed && (retryAfter === undefined || retryAfter > READ_RETRY_AFTER_MAX_MS)) return GIVE_UP;
  if (retryAfter !== undefined && retryAfter > plan.retry.maxRetryAfterMs) return GIVE_UP;
  return { kind: 'retry', afterMs: retryAfter ?? backoffDelay(state.retries + 1, plan.retry, random) };
}

/** RFC 9110 §5.6.7 HTTP-date: IMF-fixdate, obsolete RFC 850 and asctime forms (nothing looser). */
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

function parseHttpDate(text: string | null | undefined): number | undefined {
  const trimmed = text?.trim();
  if (!trimmed || !HTTP_DATE.test(trimmed)) return undefined;
  // asctime has no zone: it is GMT by definition.
  const at = Date.parse(trimmed.endsWith('GMT') ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3) into ms ≥ 0, or undefined (then backoff applies). An HTTP-date is
 * measured against the response's `Date` (`serverDate`) when readable: a terminal's clock may be hours off.
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
