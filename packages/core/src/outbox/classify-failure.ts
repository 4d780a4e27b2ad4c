/**
 * What a failed request means for a queued usage: try again later (`transient`), or the server
 * refused this content for good (`refused`). Anything unknown is transient: a usage is never dropped
 * on a guess.
 */
import { isRetryableStatus } from '../api/api-errors.js';
import type { ItemOutcome, RefusalReason } from './types.js';

/** A failure's meaning for a usage: an item outcome other than `accepted`. */
export type FailureClass = Exclude<ItemOutcome, { kind: 'accepted' }>;

type ErrorLike = {
  code?: unknown;
  retryable?: unknown;
  status?: unknown;
  retryAfterMs?: unknown;
  problemCode?: unknown;
  reasons?: unknown;
};

/**
 * A refusal's reasons as plain `{ code, params }` (anything else is left out): the API client's checked reasons
 * (`ApiProblemError.reasons`, a batch item's `problem.reasons`), or a custom transport's.
 */
export function refusalReasons(list: unknown): RefusalReason[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const reasons = list.flatMap((r: unknown): RefusalReason[] => {
    if (typeof r !== 'object' || r === null) return [];
    const { code, params } = r as { code?: unknown; params?: unknown };
    if (typeof code !== 'string') return [];
    return typeof params === 'object' && params !== null && !Array.isArray(params)
      ? [{ code, params: { ...(params as Record<string, unknown>) } }]
      : [{ code }];
  });
  return reasons.length > 0 ? reasons : undefined;
}

/** Auth failures concern the terminal, not the usage: keep the usage and retry once a token works. */
const AUTH_STATUSES = new Set([401, 403]);
/** The client's codes for auth failures, also when no request was sent (the token provider failed). */
const AUTH_CODES = new Set(['http-401', 'http-403']);

/**
 * Only the Kaikukanta contract can refuse a usage for good: a problem+json answer (`problemCode`),
 * or the SDK's own `invalid-request` (the record breaks the contract; nothing was sent). An error
 * status without a problem body comes from something in between — a captive portal, a proxy's
 * HTML 404/407/400 page, a load balancer — and says nothing about the usage: it stays pending.
 */
function isContractRefusal(e: ErrorLike): boolean {
  return typeof e.problemCode === 'string' || e.code === 'invalid-request';
}

/**
 * True for an authentication or authorization failure (401/403, or the token provider failing): the terminal's
 * sign-in, not the network nor the usage. Such a failure is its own state: never shown as "offline".
 *
 * @example
 * if (isAuthFailure(error)) askStaffToSignIn();
 */
export function isAuthFailure(error: unknown): boolean {
  const { code, auth } = readError(error);
  return auth || code === 'unauthorized' || code === 'forbidden';
}

/** A failed call's fields as the outbox reads them: any transport's error, duck-typed. */
function readError(error: unknown) {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code =
    typeof e.problemCode === 'string' ? e.problemCode : typeof e.code === 'string' ? e.code : 'unknown';
  const status = typeof e.status === 'number' ? e.status : undefined;
  const auth = (status !== undefined && AUTH_STATUSES.has(status)) || AUTH_CODES.has(code);
  return { e, code, status, auth };
}

export function classifyFailure(error: unknown): FailureClass {
  const { e, code, status, auth } = readError(error);
  const retryAfterMs = typeof e.retryAfterMs === 'number' && e.retryAfterMs >= 0 ? e.retryAfterMs : undefined;
  if (e.retryable === false && !auth && isContractRefusal(e)) {
    const reasons = refusalReasons(e.reasons);
    return {
      kind: 'refused',
      code,
      ...(status === undefined ? {} : { status }),
      ...(reasons ? { reasons } : {}),
    };
  }
  return retryAfterMs === undefined ? { kind: 'transient', code } : { kind: 'transient', code, retryAfterMs };
}

/** Statuses of a per-item problem after which the same key + body may succeed later (409: a duplicate in progress). */
export function isTransientStatus(status: number, code: string): boolean {
  return (
    code === 'idempotency-key-in-progress' ||
    status === 409 ||
    AUTH_STATUSES.has(status) ||
    isRetryableStatus(status)
  );
}
