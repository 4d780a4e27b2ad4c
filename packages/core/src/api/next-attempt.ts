/**
 * What the API client does after a failed attempt, as a pure function of the error, the attempts so
 * far and the request's plan: wait and retry, ask the host for a fresh token, or give up. The loop in
 * `send-request.ts` only carries it out; every rule about retrying is here, testable as a table.
 */
import { ApiAbortError, ApiHttpError, ApiProblemError, KaikuApiError } from './api-errors.js';
import { backoffDelay, type ResolvedRetry } from './retry-policy.js';

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
 * Decides the next step after `error`.
 *
 * - A 401, or a token provider that failed or had nothing (code `http-401`): ask once for a fresh token
 *   (`{ refresh: true }`) and resend; this resend does not use up a retry.
 * - A keyed request: retried while the error is retryable and retries remain, after the server's
 *   `Retry-After` (a longer one than `maxRetryAfterMs` is not waited for) or else exponential backoff
 *   with full jitter (`random` in [0, 1)).
 * - A read (no key; a look-up, a tally, a list): only when the server asks for it (429/503 with a
 *   `Retry-After` of at most 5 s), so an offline look-up fails fast and the clerk sees it at once.
 * - An abort, a non-retryable error, or no retries left: give up.
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
