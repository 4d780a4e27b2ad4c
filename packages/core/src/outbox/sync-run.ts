import { withDeadline } from '../api/send-request.js';
import type { BackoffPolicy } from './backoff.js';
import { classifyFailure } from './api-transport.js';
import type { OutboxNotices } from './outbox-notices.js';
import { OutboxError } from './outbox-error.js';
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
  readonly undoing: Set<string>; // records whose void a clerk's undo settles itself (a sync run leaves them to it)
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
    const outcome = await runSync(p, transport, anySignal(lost, p.signal)).catch(() => {
      // A record store failure: records stay as on disk (resent under their key); own code, as the usage is saved.
      notices.failed('sync-storage-failed');
      return failed('sync-storage-failed');
    });
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
 * Sends pending records oldest first in batches; resends reuse key and body, so a lost reply replays. Per card the
 * terminal's order holds (sold, undone, sold again offline: the void before the resale, not refused as already used):
 * voids are made before each listing, an undone record ends its batch, and a card whose void waits holds back its own.
 */
async function runSync(
  p: OutboxParts,
  transport: OutboxTransport,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  // Records that answered "try later" in this run are not resent in the same run.
  const deferred = new Set<string>();
  const waiting = new Set<string>(); // cards with an undone usage whose void waits
  // One listing serves many batches (re-listing is quadratic); the run ends when a listing finds nothing new.
  let queue: OutboxRecord[] = [];
  for (;;) {
    if (signal.aborted) return failed('aborted');
    if (queue.length === 0) {
      await settleVoids(p, signal, waiting);
      queue = (await p.records.list(['pending'])).filter((r) => !deferred.has(r.id));
    }
    const listed = queue.splice(0, p.batchSize);
    if (listed.length === 0)
      return waiting.size ? failed('void-deferred') : deferred.size ? failed('deferred') : { kind: 'done' };
    for (const r of listed) if (waiting.has(r.usage.cardId)) deferred.add(r.id);
    const undone = listed.findIndex((r) => r.voidRequestedAt !== undefined);
    // its void before the next listing
    if (undone >= 0) {
      listed.splice(undone + 1);
      queue = [];
    }
    const ready = listed.filter((r) => !deferred.has(r.id));
    const batch = await markInFlight(p, ready);
    if (batch.length === 0) continue; // undone meanwhile, or held back
    let outcomes: readonly ItemOutcome[];
    try {
      const sentAt = p.now();
      const entries = batch.map((r) => ({
        idempotencyKey: r.id,
        usage: r.usage,
        ...(wasAdmitted(r, sentAt) ? { admitted: true } : {}),
      }));
      // A transport ignoring the signal must not hold the lock: past `sendTimeoutMs` the batch is a `timeout`.
      const send = (both: AbortSignal) => transport.sendBatch(entries, both);
      outcomes = await withDeadline(send, p.sendTimeoutMs, batchTimeout(), signal);
    } catch (error) {
      const failure = classifyFailure(error);
      return failed(failure.code, failure.kind === 'transient' ? failure.retryAfterMs : undefined);
    }
    const missing = { kind: 'transient', code: 'missing-result' } as const;
    const byId = new Map(batch.map((r, i): [string, ItemOutcome] => [r.id, outcomes[i] ?? missing]));
    const now = p.now();
    const changed = await p.records.update([...byId.keys()], (r) => applyOutcome(r, byId.get(r.id), now));
    p.notices.settled(changed);
    p.notices.sync('progress');
    let retryAfterMs: number | undefined;
    for (const [id, outcome] of byId) {
      if (outcome.kind !== 'transient') continue;
      deferred.add(id);
      const r = batch.find((x) => x.id === id)!;
      if (r.voidRequestedAt) waiting.add(r.usage.cardId);
      if (outcome.retryAfterMs !== undefined)
        retryAfterMs = Math.max(retryAfterMs ?? 0, outcome.retryAfterMs);
    }
    if (retryAfterMs !== undefined) return failed('rate-limited', retryAfterMs);
  }
}

/** How long after its enqueue a usage's first send is still the one its clerk waits on (see `wasAdmitted`). */
export const LIVE_SEND_MS = 15_000;

/**
 * Whether the ticket was given before this send (`BatchItem.admitted`): a record sent before (`attempts` counts this
 * send too) or queued longer than `LIVE_SEND_MS` ago waited in the outbox, and its clerk was told so and handed the
 * ticket out. A new usage's first send is the one the clerk waits on: refused then, no ticket is given. An undone
 * usage took its ticket back: never admitted.
 */
export const wasAdmitted = (
  r: Pick<OutboxRecord, 'attempts' | 'createdAt' | 'voidRequestedAt'>,
  now: number,
): boolean => r.voidRequestedAt === undefined && (r.attempts > 1 || now - r.createdAt > LIVE_SEND_MS);

/** Marks records in flight durably before sending, serialized with undo: only those returned may be sent. */
export function markInFlight(p: OutboxParts, records: readonly { id: string }[]): Promise<OutboxRecord[]> {
  const ids = records.map((r) => r.id);
  return p.records.update(ids, (r) =>
    r.state === 'pending' ? { ...r, attempts: r.attempts + 1 } : undefined,
  );
}

/** Makes queued voids in the run (lock, abort, batch deadline), not one an undo settles; a card whose void waits: `waiting`. */
async function settleVoids(p: OutboxParts, signal: AbortSignal, waiting: Set<string>): Promise<void> {
  for (const r of (await p.records.list(['synced'])).filter((q) => q.voidRequestedAt && !q.voidedAt)) {
    if (p.undoing.has(r.id)) waiting.add(r.usage.cardId); // the clerk's undo makes this void: its card waits for it
    if (waiting.has(r.usage.cardId)) continue;
    const void_ = (both: AbortSignal) => settleVoid({ ...p, signal: both }, r.id);
    const done = await withDeadline(void_, p.sendTimeoutMs, batchTimeout(), signal).catch((error: unknown) =>
      error instanceof OutboxError || classifyFailure(error).kind !== 'transient' ? undefined : 'waits',
    );
    if (done === 'waits' || done?.kind === 'void-queued') waiting.add(r.usage.cardId);
  }
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
  for (const s of [a, b]) s.addEventListener('abort', () => both.abort(), { once: true });
  if (a.aborted || b.aborted) both.abort();
  return both.signal;
}
