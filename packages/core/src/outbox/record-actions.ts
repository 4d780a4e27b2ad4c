import type { VoidResult } from '../schemas/api.js';
import { nextDelay } from './backoff.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { OutboxError } from './outbox-error.js';
import { DAY_MS } from './outbox-options.js';
import { RECORD_TAMPERED } from './record-store.js';
import { applyOutcome, type OutboxParts } from './sync-run.js';
import type { OutboxRecord, Resolution } from './types.js';

/* What staff and clerks do to one record: close or retry a refusal (`resolve`), undo a usage (`voidUsage`). */

/** The server holds this key with another body: it may hold this very usage (an ambiguous outcome). */
const KEY_REUSED = 'idempotency-key-reused';
/** The most pages of one venue's usages around a show's day read to verify a retry. */
const MAX_VERIFY_PAGES = 20;

/** Manual retries of one usage so far, and when the next one may go (as automatic retries are paced). */
export type RetryPace = { readonly retries: number; readonly dueAt: number };

const open = (r: OutboxRecord): boolean => r.state === 'needs-attention';

/**
 * Closes a needs-attention record (see `Outbox.resolve`). A manual `retry` is paced like an automatic one: the
 * next retry of the same usage may come `nextDelay(retries)` after the last (else `retry-too-soon`, nothing sent).
 */
export async function resolveRecord(
  c: OutboxParts,
  id: string,
  how: Resolution,
): Promise<OutboxRecord | undefined> {
  const { records, notices } = c;
  const now = c.now();
  const settle = async (state: 'resolved' | 'synced') =>
    (
      await notices.guard(
        records.update([id], (r) => (open(r) ? { ...r, state, resolution: how, settledAt: now } : r)),
      )
    )[0];
  if (how !== 'retry') return settle('resolved');
  const pace = c.paced.get(id);
  if (pace && pace.dueAt > now)
    throw new OutboxError('retry-too-soon', { params: { id, retryInMs: pace.dueAt - now } });
  const retries = (pace?.retries ?? 0) + 1;
  const paceAs = (key: string): void => {
    c.paced.delete(id);
    c.paced.set(key, { retries, dueAt: now + nextDelay(retries, c.backoff, c.random()) });
  };
  paceAs(id);
  const current = await notices.guard(records.get(id));
  const code = current && open(current) ? current.problem?.code : undefined;
  // Changed outside the outbox: its content is nobody's order to send (record it manually or dismiss it).
  if (code === RECORD_TAMPERED) throw new OutboxError(RECORD_TAMPERED, { params: { id } });
  if (current && code === KEY_REUSED && (await usageExists(c, current))) return settle('synced');
  const retried = (r: OutboxRecord): OutboxRecord => {
    if (!open(r)) return r;
    const key = newIdempotencyKey();
    paceAs(key);
    return { ...r, id: key, state: 'pending', attempts: 0, resolution: how };
  };
  return (await notices.guard(records.update([id], retried)))[0];
}

/**
 * Whether the server already holds this record's usage (after an ambiguous `idempotency-key-reused`): a usage
 * listed under the record's own idempotency key, among the venue's usages of the show's days (at most
 * {@link MAX_VERIFY_PAGES} pages). Never a timestamp: a `clientTime` written another way would not match and
 * the usage would be registered twice. Rejects with `retry-unverified` when it cannot tell: no `listUsages`, an
 * error, too many pages, or a server that lists usages without their keys.
 */
async function usageExists(c: OutboxParts, record: OutboxRecord): Promise<boolean> {
  const list = c.client?.listUsages?.bind(c.client);
  const unverified = (cause?: unknown) =>
    new OutboxError('retry-unverified', { params: { id: record.id }, cause });
  if (!list) throw unverified();
  const u = record.usage;
  const day = Date.parse(u.show.start);
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_VERIFY_PAGES; page++) {
    const query = { venueId: u.venueId, from: iso(day - DAY_MS), to: iso(day + DAY_MS) };
    const answer = await list({ ...query, ...(cursor ? { cursor } : {}) }, { signal: c.signal }).catch(
      (error: unknown) => {
        throw unverified(error);
      },
    );
    if (answer.items.some((i) => i.idempotencyKey === record.id)) return true;
    if (answer.items.some((i) => i.idempotencyKey === undefined)) throw unverified();
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) return false;
  }
  throw unverified();
}

/**
 * What `Outbox.voidUsage` did: `removed` (still queued, never sent: deleted), `voided` (the server voided the usage it
 * registered; `result` is its answer), `nothing-to-void` (the server refused the usage for good: nothing was
 * registered; the record is closed as dismissed).
 */
export type VoidOutcome =
  | { readonly kind: 'removed'; readonly record: OutboxRecord }
  | { readonly kind: 'voided'; readonly record: OutboxRecord; readonly result: VoidResult }
  | { readonly kind: 'nothing-to-void'; readonly record: OutboxRecord };

/** How long a void waits for a sync run under way (in this tab or another) before it gives up. */
const LOCK_WAIT_MS = 30_000;

/**
 * Voids one record, exactly once, under the sync lock: no sync run can send it meanwhile, and one under way (in
 * any tab) is waited for, so a record "in flight" is judged by the run's outcome. A record never attempted is
 * deleted; one attempted but still pending may have reached the server (a lost answer), so it is sent once more
 * under its own key (the server answers with its first result, or registers it now) and then voided; a refused one
 * has nothing to void. Anything unconfirmed rejects with `void-unverified` and changes nothing.
 */
export async function voidRecord(h: OutboxParts, id: string): Promise<VoidOutcome> {
  for (let waited = 0; ; waited += 100) {
    const run = await h.lock.run(() => voidHeld(h, id));
    if (!run.busy) return run.value;
    if (h.signal.aborted || waited >= LOCK_WAIT_MS)
      throw new OutboxError('void-unverified', { params: { id } });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function voidHeld(h: OutboxParts, id: string): Promise<VoidOutcome> {
  let record = await h.records.get(id);
  if (!record) throw new OutboxError('record-not-found', { params: { id } });
  const unverified = (cause?: unknown) => new OutboxError('void-unverified', { cause, params: { id } });
  if (record.state === 'pending' && record.attempts === 0) {
    await h.records.remove([id]);
    return { kind: 'removed', record };
  }
  if (record.state === 'pending') {
    if (!h.transport) throw unverified();
    const sent = await h.transport
      .sendBatch([{ idempotencyKey: record.id, usage: record.usage }], h.signal)
      .catch((error: unknown) => Promise.reject(unverified(error)));
    const now = h.now();
    const [next] = await h.records.update([id], (r) => applyOutcome(r, sent[0], now));
    record = next ?? record;
    if (record.state === 'pending') throw unverified();
  }
  if (record.state !== 'synced') {
    const closed = { ...record, state: 'resolved', resolution: 'dismissed', settledAt: h.now() } as const;
    if (record.state === 'needs-attention') await h.records.update([id], () => closed);
    return { kind: 'nothing-to-void', record: record.state === 'needs-attention' ? closed : record };
  }
  const voidUsage = h.client?.voidUsage?.bind(h.client);
  if (!voidUsage || record.usageId === undefined) throw unverified();
  // The server's void is idempotent: a void confirmed before (or lost on the way back) answers the same result.
  const result = await voidUsage(record.usageId, { signal: h.signal });
  const voidedAt = Date.parse(result.voidedAt);
  const [voided] = await h.records.update([id], (r) => ({ ...r, voidedAt }));
  return { kind: 'voided', record: voided ?? record, result };
}
