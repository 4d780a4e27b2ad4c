import { withDeadline } from '../api/send-request.js';
import type { BackoffPolicy } from './backoff.js';
import { classifyFailure } from './api-transport.js';
import type { OutboxNotices } from './outbox-notices.js';
import type { OutboxClient } from './outbox-options.js';
import type { RecordStore } from './record-store.js';
import { type RetryPace, settleVoid } from './record-actions.js';
import { isUsageId } from '../schemas/api-responses.js';
import type { SyncLock } from './sync-lock.js';
import type { AttemptOutcome } from './sync-scheduler.js';
import type { ItemOutcome, OutboxRecord, OutboxTransport } from './types.js';

/** What an outbox's operations (sync runs, `resolve`, `voidUsage`) share: its store, lock, server and clock. */
export type OutboxParts = {
  readonly records: RecordStore;
  readonly lock: SyncLock;
  readonly transport: OutboxTransport | undefined;
  readonly client: OutboxClient | undefined;
  readonly notices: OutboxNotices;
  /** Aborted when the outbox stops: a sync run, a retry check or a void under way ends. */
  readonly signal: AbortSignal;
  readonly now: () => number;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  readonly batchSize: number;
  /** How long one batch may take (client retries included) before it counts as `timeout`. */
  readonly sendTimeoutMs: number;
  /** Manual retries per record ID (carried over to a retried record's new ID). */
  readonly paced: Map<string, RetryPace>;
  readonly purge: () => Promise<unknown>;
};

const quietly = (p: Promise<unknown>): Promise<unknown> => p.catch(() => undefined);

const batchTimeout = () =>
  Object.assign(new Error('The batch got no answer in time.'), { code: 'timeout', retryable: true });

const failed = (failure: string, retryAfterMs?: number): AttemptOutcome =>
  retryAfterMs === undefined ? { kind: 'failed', failure } : { kind: 'failed', failure, retryAfterMs };

/** One sync attempt under the per-origin lock; maps its end to done, busy or failed (with Retry-After). */
export async function attemptSync(p: OutboxParts): Promise<AttemptOutcome> {
  const { transport, notices } = p;
  if (!transport) return failed('no-transport');
  const result = await p.lock.run(async (lost) => {
    notices.sync('started');
    let outcome: AttemptOutcome;
    try {
      outcome = await runSync(p, transport, anySignal(lost, p.signal));
    } catch {
      // A record store failure: records stay as on disk (resent under their key); own code, as the usage is saved.
      notices.failed('sync-storage-failed');
      outcome = failed('sync-storage-failed');
    }
    await quietly(p.purge());
    await quietly(notices.refresh());
    notices.sync('finished', outcome.kind === 'failed' ? outcome.failure : undefined);
    return outcome;
  });
  if (!result.busy) return result.value;
  await quietly(notices.refresh());
  notices.sync('busy');
  return { kind: 'busy' };
}

/**
 * Replays the terminal's actions in the order it made them: queued voids of sent usages first, then pending records
 * oldest first in batches, a record undone while pending sent and voided before anything after it (a card sold,
 * undone and sold again offline: the second sale after the void, not refused as already used). Resends reuse key and
 * body, so a lost reply replays.
 */
async function runSync(
  p: OutboxParts,
  transport: OutboxTransport,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  const voidsFirst = await settleVoids(p);
  if (voidsFirst) return voidsFirst;
  // Records that answered "try later" in this run are not resent in the same run.
  const deferred = new Set<string>();
  // One listing serves many batches (re-listing is quadratic); the run ends when a listing finds nothing new.
  let queue: OutboxRecord[] = [];
  for (;;) {
    if (signal.aborted) return failed('aborted');
    if (queue.length === 0) queue = (await p.records.list(['pending'])).filter((r) => !deferred.has(r.id));
    const listed = queue.splice(0, p.batchSize);
    if (listed.length === 0)
      return (await settleVoids(p)) ?? (deferred.size ? failed('deferred') : { kind: 'done' });
    const undone = listed.findIndex((r) => r.voidRequestedAt !== undefined);
    if (undone === 0) {
      // Alone, and its void at once: what comes after it waits until the void is made (or refused).
      queue.unshift(...listed.slice(1));
      const done = await settleVoid(p, listed[0]!.id).catch(() => undefined);
      if (done?.kind === 'void-queued') return failed('void-deferred');
      if (done === undefined) deferred.add(listed[0]!.id); // refused or unreadable: not listed again this run
      continue;
    }
    if (undone > 0) queue.unshift(...listed.splice(undone));
    const batch = await markInFlight(p, listed);
    if (batch.length === 0) continue; // undone meanwhile
    let outcomes: readonly ItemOutcome[];
    try {
      const entries = batch.map((r) => ({ idempotencyKey: r.id, usage: r.usage }));
      // A transport ignoring the signal must not hold the lock: past `sendTimeoutMs` the batch is a `timeout`.
      const send = (deadline: AbortSignal) => transport.sendBatch(entries, anySignal(signal, deadline));
      outcomes = await withDeadline(send, p.sendTimeoutMs, batchTimeout());
    } catch (error) {
      const failure = classifyFailure(error);
      return failed(failure.code, failure.kind === 'transient' ? failure.retryAfterMs : undefined);
    }
    const missing: ItemOutcome = { kind: 'transient', code: 'missing-result' };
    const byId = new Map(batch.map((r, i): [string, ItemOutcome] => [r.id, outcomes[i] ?? missing]));
    const now = p.now();
    const changed = await p.records.update([...byId.keys()], (r) => applyOutcome(r, byId.get(r.id), now));
    p.notices.settled(changed);
    p.notices.sync('progress');
    let retryAfterMs: number | undefined;
    for (const [id, outcome] of byId) {
      if (outcome.kind !== 'transient') continue;
      deferred.add(id);
      if (outcome.retryAfterMs !== undefined)
        retryAfterMs = Math.max(retryAfterMs ?? 0, outcome.retryAfterMs);
    }
    if (retryAfterMs !== undefined) return failed('rate-limited', retryAfterMs);
  }
}

/** Marks records in flight durably before sending, serialized with undo: only those returned may be sent. */
export function markInFlight(p: OutboxParts, records: readonly { id: string }[]): Promise<OutboxRecord[]> {
  const started = (r: OutboxRecord) =>
    r.state === 'pending' ? { ...r, attempts: r.attempts + 1 } : undefined;
  return p.records.update(
    records.map((r) => r.id),
    started,
  );
}

/** Settles queued voids of synced records: one that may succeed later fails the run (retried); a refused one waits. */
async function settleVoids(p: OutboxParts): Promise<AttemptOutcome | undefined> {
  const queued = (await p.records.list(['synced'])).filter((r) => r.voidRequestedAt && !r.voidedAt);
  for (const r of queued) {
    const done = await settleVoid(p, r.id).catch(() => undefined);
    if (done?.kind === 'void-queued') return failed('void-deferred');
  }
  return undefined;
}

/** Applies a send's outcome to a still-pending record only (staff may have resolved it in another tab). */
export function applyOutcome(
  current: OutboxRecord,
  outcome: ItemOutcome | undefined,
  now: number,
): OutboxRecord {
  if (!outcome || current.state !== 'pending') return current;
  if (outcome.kind === 'accepted') {
    // Only an opaque handle is kept: never a card ID (or any text) a server put in its place.
    const id = isUsageId(outcome.usageId) ? { usageId: outcome.usageId } : {};
    return { ...current, ...id, state: 'synced', settledAt: now };
  }
  if (outcome.kind === 'transient') return current;
  // Refused while its undo waited: nothing was registered, so nothing is left to void.
  if (current.voidRequestedAt)
    return { ...current, state: 'resolved', resolution: 'dismissed', settledAt: now };
  // Only the code, status and reasons: anything else (server text may quote a card ID) is not kept.
  const { code, status, reasons } = outcome;
  const problem = { code, ...(status === undefined ? {} : { status }), ...(reasons ? { reasons } : {}) };
  return { ...current, state: 'needs-attention', problem };
}

/** `AbortSignal.any` where it exists (Safari ≥ 17.4, Chromium ≥ 116), a listener pair elsewhere. */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const both = new AbortController();
  const abort = (): void => both.abort();
  if (a.aborted || b.aborted) abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return both.signal;
}
