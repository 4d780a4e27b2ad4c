import type { RecordStore } from './record-store.js';
import type { BatchEntry, ItemOutcome, OutboxRecord, OutboxTransport } from './types.js';
import { classifyFailure } from './classify-failure.js';

export type SyncRunOptions = {
  readonly records: RecordStore;
  readonly transport: OutboxTransport;
  readonly batchSize: number;
  readonly signal: AbortSignal;
  readonly now: () => number;
  /** How long one batch may take (client retries included) before it counts as `timeout`. */
  readonly sendTimeoutMs?: number;
  /** Called after each batch is applied. */
  readonly onBatch: (applied: {
    synced: readonly string[];
    refused: readonly OutboxRecord[];
  }) => Promise<void>;
};

export type SyncRunResult =
  | { readonly ok: true; readonly synced: number }
  | { readonly ok: false; readonly synced: number; readonly failure: string; readonly retryAfterMs?: number };

/**
 * One sync run: sends pending records, oldest first, in batches, until none is left or a batch
 * fails. Every attempt resends the record's own key and unchanged body, so a request whose response
 * was lost (or a tab closed mid-request) is answered by the server with the first result.
 * A record leaves `pending` only on a 2xx (→ `synced`) or a definitive refusal (→ `needs-attention`).
 */
export async function runSync(o: SyncRunOptions): Promise<SyncRunResult> {
  let synced = 0;
  // Records that answered "try later" in this run are not resent in the same run.
  const deferred = new Set<string>();
  // One listing serves many batches (re-listing per batch is quadratic); records queued meanwhile
  // are picked up by the next listing, and the run ends only when a listing finds nothing new.
  let queue: OutboxRecord[] = [];
  for (;;) {
    if (o.signal.aborted) return { ok: false, synced, failure: 'aborted' };
    if (queue.length === 0) queue = (await o.records.list(['pending'])).filter((r) => !deferred.has(r.id));
    const batch = queue.splice(0, o.batchSize);
    if (batch.length === 0)
      return deferred.size ? { ok: false, synced, failure: 'deferred' } : { ok: true, synced };
    let outcomes: readonly ItemOutcome[];
    try {
      outcomes = await sendWithDeadline(
        o.transport,
        batch.map((r) => ({ idempotencyKey: r.id, usage: r.usage })),
        o.signal,
        o.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
      );
    } catch (error) {
      const failure = classifyFailure(error);
      await bumpAttempts(o.records, batch).catch(() => undefined);
      return {
        ok: false,
        synced,
        failure: failure.code,
        ...(failure.kind === 'transient' && failure.retryAfterMs !== undefined
          ? { retryAfterMs: failure.retryAfterMs }
          : {}),
      };
    }
    const missing: ItemOutcome = { kind: 'transient', code: 'missing-result' };
    const byId = new Map(batch.map((r, i): [string, ItemOutcome] => [r.id, outcomes[i] ?? missing]));
    const now = o.now();
    const changed = await o.records.update([...byId.keys()], (r) => applyOutcome(r, byId.get(r.id), now));
    const syncedIds = changed.filter((r) => r.state === 'synced').map((r) => r.id);
    synced += syncedIds.length;
    await o.onBatch({ synced: syncedIds, refused: changed.filter((r) => r.state === 'needs-attention') });
    let retryAfterMs: number | undefined;
    for (const [id, outcome] of byId) {
      if (outcome.kind !== 'transient') continue;
      deferred.add(id);
      if (outcome.retryAfterMs !== undefined)
        retryAfterMs = Math.max(retryAfterMs ?? 0, outcome.retryAfterMs);
    }
    if (retryAfterMs !== undefined) return { ok: false, synced, failure: 'rate-limited', retryAfterMs };
  }
}

/**
 * A pending record after a send's outcome: `synced` (with the server's `usageId`) on a 2xx, `needs-attention` on a
 * definitive refusal, still pending otherwise. Only a pending record changes: staff may have resolved it in another
 * tab meanwhile.
 */
export function applyOutcome(
  current: OutboxRecord,
  outcome: ItemOutcome | undefined,
  now: number,
): OutboxRecord {
  if (!outcome || current.state !== 'pending') return current;
  const attempts = current.attempts + 1;
  if (outcome.kind === 'accepted') {
    const id = outcome.usageId === undefined ? {} : { usageId: outcome.usageId };
    return { ...current, ...id, attempts, state: 'synced', settledAt: now };
  }
  if (outcome.kind === 'transient') return { ...current, attempts };
  const { code, status, reasons } = outcome;
  const problem = { code, ...(status === undefined ? {} : { status }), ...(reasons ? { reasons } : {}) };
  return { ...current, attempts, state: 'needs-attention', problem };
}

/** Default of `sendTimeoutMs`: 5 min, far beyond the client's own timeouts and retries. */
export const DEFAULT_SEND_TIMEOUT_MS = 5 * 60_000;

/**
 * A transport that never settles (a custom back end ignoring the signal) must not hold the sync lock
 * and leave every tab "sending" for good: after `timeoutMs` the batch is aborted and counts as a
 * `timeout` (the records stay pending; a late answer is ignored and the resend is a replay).
 */
function sendWithDeadline(
  transport: OutboxTransport,
  entries: BatchEntry[],
  signal: AbortSignal,
  timeoutMs: number,
): Promise<readonly ItemOutcome[]> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = Object.assign(new Error('The batch got no answer in time.'), {
        code: 'timeout',
        retryable: true,
      });
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const sent = transport.sendBatch(entries, controller.signal);
  sent.catch(() => undefined); // a late failure after the deadline must not go unhandled
  return Promise.race([sent, deadline]).finally(() => {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  });
}

function bumpAttempts(records: RecordStore, batch: readonly OutboxRecord[]): Promise<unknown> {
  return records.update(
    batch.map((r) => r.id),
    (current) => (current.state === 'pending' ? { ...current, attempts: current.attempts + 1 } : current),
  );
}
