import type { BatchItemResult } from '../schemas/api.js';
import { ApiResponseError } from './api-errors.js';

/**
 * Puts a batch answer into the order of the request, matched by idempotency key, and refuses an
 * answer that does not cover exactly the keys sent (fewer or more results, keys not sent, a key answered more often than it was sent): taken by
 * position, such an answer would mark one usage synced on another's result. Nothing is lost by
 * refusing: every item carries its key, so the whole batch can be resent and the server replays.
 * A mere reordering is harmless once matched by key, and is accepted.
 */
export function matchBatchResults(
  sentKeys: readonly string[],
  results: readonly BatchItemResult[],
  status: number,
): BatchItemResult[] {
  if (results.length === sentKeys.length && results.every((r, i) => r.idempotencyKey === sentKeys[i])) {
    return [...results];
  }
  // A request may repeat a key (the later item replays the first): queue the results per key.
  const byKey = new Map<string, BatchItemResult[]>();
  for (const result of results) {
    const list = byKey.get(result.idempotencyKey) ?? [];
    list.push(result);
    byKey.set(result.idempotencyKey, list);
  }
  let problem: string | undefined = results.length !== sentKeys.length ? 'count' : undefined;
  const ordered: BatchItemResult[] = [];
  for (const key of sentKeys) {
    const result = byKey.get(key)?.shift();
    if (result) ordered.push(result);
    else problem ??= 'missing-key';
  }
  if ([...byKey.values()].some((left) => left.length > 0)) problem ??= 'unknown-key';
  if (problem !== undefined) {
    throw new ApiResponseError('schema', 'The batch answer does not match the items sent.', {
      status,
      issues: [{ path: 'results', code: `batch-${problem}` }],
      params: { fields: 'results', sent: sentKeys.length, received: results.length },
    });
  }
  return ordered;
}
