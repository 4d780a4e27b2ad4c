import type { BatchEntry, ItemOutcome, OutboxTransport } from './types.js';
import { classifyFailure, isTransientStatus, refusalReasons } from './classify-failure.js';

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

/**
 * Adapts the API client to the outbox. A whole batch the server rejects as invalid is split and sent
 * item by item, so one bad record cannot hold the others back; the bad one becomes "needs attention".
 */
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
        // A proxy's or WAF's answer about this request (400, 413 body limit, …, no problem body) is no
        // refusal, but may concern one record only: split, so the others are not held back with it.
        if (failure.kind === 'transient' && !(isRequestSpecific(error) && entries.length > 1)) throw error;
        if (entries.length === 1) return [failure];
        const outcomes: ItemOutcome[] = [];
        for (const entry of entries) {
          try {
            outcomes.push(...(await send([entry], signal)));
          } catch (single) {
            const f = classifyFailure(single);
            if (signal.aborted) throw single;
            if (f.kind === 'transient' && !isRequestSpecific(single)) throw single;
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
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { status?: unknown; problemCode?: unknown };
  return typeof e.status === 'number' && REQUEST_SPECIFIC.has(e.status) && typeof e.problemCode !== 'string';
}

/**
 * Pairs each entry with its result: by idempotency key when the results carry keys (so a reordered or short
 * answer can never mark one usage synced on another's result; a key answered twice is trusted for neither answer),
 * else by position. An entry without a result stays pending (`missing-result`).
 */
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
  const reasons = refusalReasons(result.problem.reasons);
  return reasons ? { kind: 'refused', code, status, reasons } : { kind: 'refused', code, status };
}
