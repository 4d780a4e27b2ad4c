/** The outbox's API adapter; an unknown failure is transient: a usage is never dropped on a guess. */
import { isRetryableStatus } from '../api/api-errors.js';
import type { BatchEntry, ItemOutcome, OutboxTransport, RefusalReason } from './types.js';

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

/** A refusal, its reasons as plain `{ code, params }`, from the API client or a custom transport. */
function refusal(code: string, status: number | undefined, list: unknown): FailureClass {
  const reasons = (Array.isArray(list) ? list : []).flatMap((r: unknown): RefusalReason[] => {
    if (typeof r !== 'object' || r === null) return [];
    const { code, params } = r as { code?: unknown; params?: unknown };
    if (typeof code !== 'string') return [];
    return typeof params === 'object' && params !== null && !Array.isArray(params)
      ? [{ code, params: { ...(params as Record<string, unknown>) } }]
      : [{ code }];
  });
  const more = { ...(status === undefined ? {} : { status }), ...(reasons.length > 0 ? { reasons } : {}) };
  return { kind: 'refused', code, ...more };
}

/** Auth failures concern the terminal, not the usage: keep the usage and retry once a token works. */
const AUTH_STATUSES = new Set([401, 403]);
/** The client's codes for auth failures, also when no request was sent (the token provider failed). */
const AUTH_CODES = new Set(['http-401', 'http-403']);

/** Only problem+json or the SDK's `invalid-request` refuse for good: a bare error status is a proxy's. */
function isContractRefusal(e: ErrorLike): boolean {
  return typeof e.problemCode === 'string' || e.code === 'invalid-request';
}

/**
 * True for an authentication or authorization failure (401/403, or the token provider failing): the terminal's
 * sign-in, not the network nor the usage. Such a failure is its own state: never shown as "offline".
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
  if (e.retryable === false && !auth && isContractRefusal(e)) return refusal(code, status, e.reasons);
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

/** One per-item result of `registerBatch` (the contract's `BatchItemResult`). */
type BatchItemResultLike = { readonly idempotencyKey?: string } & (
  | { readonly ok: true; readonly result?: { readonly usageId?: string } }
  | {
      readonly ok: false;
      readonly problem: { readonly code: string; readonly status: number; readonly reasons?: unknown };
    }
);

/** The part of `createApiClient()` the outbox delivers through. */
export type BatchClient = {
  registerBatch(
    items: readonly BatchEntry[],
    options: { signal?: AbortSignal },
  ): Promise<readonly BatchItemResultLike[] | { readonly results: readonly BatchItemResultLike[] }>;
};

/** Splits a batch rejected as invalid, so one bad record cannot hold the others back. */
export function outboxTransport(client: BatchClient): OutboxTransport {
  const send = async (entries: readonly BatchEntry[], signal: AbortSignal): Promise<ItemOutcome[]> => {
    const answer = await client.registerBatch(entries, { signal });
    const results = 'results' in answer ? answer.results : answer;
    return matchOutcomes(entries, results);
  };
  return {
    async sendBatch(entries, signal) {
      try {
        return await send(entries, signal);
      } catch (error) {
        const failure = classifyFailure(error);
        // A proxy's answer about this request (413, …) may concern one record only: split to not hold others.
        if (failure.kind === 'transient' && !(isRequestSpecific(error) && entries.length > 1)) throw error;
        if (entries.length === 1) return [failure];
        const outcomes: ItemOutcome[] = [];
        for (const entry of entries) {
          try {
            outcomes.push(...(await send([entry], signal)));
          } catch (single) {
            const f = classifyFailure(single);
            if (signal.aborted || (f.kind === 'transient' && !isRequestSpecific(single))) throw single;
            outcomes.push(f.kind === 'transient' ? { kind: 'transient', code: f.code } : f);
          }
        }
        return outcomes;
      }
    },
  };
}

/** Statuses an intermediary gives for the request's content (bad request, too large, URI or headers too long). */
const REQUEST_SPECIFIC = new Set([400, 413, 414, 422, 431]);

/** An error status without a problem body that may concern this request's content only. */
function isRequestSpecific(error: unknown): boolean {
  const e = error as { status?: unknown; problemCode?: unknown } | null | undefined;
  return typeof e?.status === 'number' && REQUEST_SPECIFIC.has(e.status) && typeof e.problemCode !== 'string';
}

/** Pairs entries and results by key when keyed (a key answered twice: neither), else by position. */
function matchOutcomes(
  entries: readonly BatchEntry[],
  results: readonly BatchItemResultLike[],
): ItemOutcome[] {
  const keyed = results.length > 0 && results.every((r) => typeof r.idempotencyKey === 'string');
  return entries.map((e, i) => {
    const mine = keyed ? results.filter((r) => r.idempotencyKey === e.idempotencyKey) : [results[i]];
    return toOutcome(mine.length === 1 ? mine[0] : undefined);
  });
}

function toOutcome(result: BatchItemResultLike | undefined): ItemOutcome {
  if (!result) return { kind: 'transient', code: 'missing-result' };
  const usageId = result.ok ? result.result?.usageId : undefined;
  if (result.ok) return usageId === undefined ? { kind: 'accepted' } : { kind: 'accepted', usageId };
  const { code, status } = result.problem;
  if (isTransientStatus(status, code)) return { kind: 'transient', code };
  return refusal(code, status, result.problem.reasons);
}
