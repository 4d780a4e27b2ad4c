import type { BatchEntry, ItemOutcome, OutboxTransport } from './types.js';
import { classifyFailure, isTransientStatus } from './classify-failure.js';

/** One per-item result of `registerBatch` (the contract's `BatchItemResult`). */
type BatchItemResultLike =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: { readonly code: string; readonly status: number } };

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
    return entries.map((_, i) => toOutcome(results[i]));
  };
  return {
    async sendBatch(entries, signal) {
      try {
        return await send(entries, signal);
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === 'transient') throw error;
        if (entries.length === 1) return [failure];
        const outcomes: ItemOutcome[] = [];
        for (const entry of entries) {
          try {
            outcomes.push(...(await send([entry], signal)));
          } catch (single) {
            const f = classifyFailure(single);
            if (f.kind === 'transient') throw single;
            outcomes.push(f);
          }
        }
        return outcomes;
      }
    },
  };
}

function toOutcome(result: BatchItemResultLike | undefined): ItemOutcome {
  if (!result) return { kind: 'transient', code: 'missing-result' };
  if (result.ok) return { kind: 'accepted' };
  const { code, status } = result.problem;
  return isTransientStatus(status, code) ? { kind: 'transient', code } : { kind: 'refused', code, status };
}
