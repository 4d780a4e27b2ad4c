import type { BatchEntry, ItemOutcome, OutboxTransport } from './types.js';
import { classifyFailure, isTransientStatus } from './classify-failure.js';

/** One per-item result of `registerBatch` (the contract's `BatchItemResult`). */
type BatchItemResultLike = { readonly idempotencyKey?: string } & (
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: { readonly code: string; readonly status: number } }
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
 *
 * @example
 * const outbox = createOutbox({ transport: outboxTransport(createApiClient({ baseUrl, getToken })) });
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
        // A proxy's 413 (its own body limit, no problem body) is no refusal, but smaller requests may pass.
        if (failure.kind === 'transient' && !(isTooLarge(error) && entries.length > 1)) throw error;
        if (entries.length === 1) return [failure];
        const outcomes: ItemOutcome[] = [];
        for (const entry of entries) {
          try {
            outcomes.push(...(await send([entry], signal)));
          } catch (single) {
            const f = classifyFailure(single);
            if (signal.aborted) throw single;
            if (f.kind === 'transient') throw single;
            outcomes.push(f);
          }
        }
        return outcomes;
      }
    },
  };
}

function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 413;
}

/**
 * Pairs each entry with its result: by idempotency key when the results carry keys (so a reordered
 * or short answer can never mark one usage synced on another's result), else by position. An entry
 * without a result stays pending (`missing-result`).
 */
function matchOutcomes(
  entries: readonly BatchEntry[],
  results: readonly BatchItemResultLike[],
): ItemOutcome[] {
  const keyed = results.length > 0 && results.every((r) => typeof r.idempotencyKey === 'string');
  if (!keyed) return entries.map((_, i) => toOutcome(results[i]));
  const byKey = new Map<string, BatchItemResultLike | undefined>();
  for (const r of results) {
    // The same key answered twice: trust neither answer.
    byKey.set(r.idempotencyKey!, byKey.has(r.idempotencyKey!) ? undefined : r);
  }
  return entries.map((e) => toOutcome(byKey.get(e.idempotencyKey)));
}

function toOutcome(result: BatchItemResultLike | undefined): ItemOutcome {
  if (!result) return { kind: 'transient', code: 'missing-result' };
  if (result.ok) return { kind: 'accepted' };
  const { code, status } = result.problem;
  return isTransientStatus(status, code) ? { kind: 'transient', code } : { kind: 'refused', code, status };
}
