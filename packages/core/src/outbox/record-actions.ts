import type { VoidResult } from '../schemas/api.js';
import { nextDelay } from './backoff.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { OutboxError } from './outbox-error.js';
import { DAY_MS } from './outbox-options.js';
import { RECORD_TAMPERED } from './record-store.js';
import { classifyFailure } from './api-transport.js';
import { applyOutcome, markInFlight, type OutboxParts } from './sync-run.js';
import type { OutboxRecord, Resolution } from './types.js';

/* What staff and clerks do to one record: close or retry a refusal (`resolve`), undo a usage (`voidUsage`). */

/** The server holds this key with another body: it may hold this very usage (an ambiguous outcome). */
const KEY_REUSED = 'idempotency-key-reused';
/** The most pages of one venue's usages around a show's day read to verify a retry. */
const MAX_VERIFY_PAGES = 20;

/** Manual retries of one usage so far, and when the next one may go (as automatic retries are paced). */
export type RetryPace = { readonly retries: number; readonly dueAt: number };

const open = (r: OutboxRecord): boolean => r.state === 'needs-attention';

/** Closes a needs-attention record; a manual retry is paced by `nextDelay` (else `retry-too-soon`). */
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
    // Its void was refused: the usage is registered, so retrying means voiding again, never registering again.
    if (r.voidRequestedAt) return { ...r, state: 'synced', problem: undefined, resolution: how };
    const key = newIdempotencyKey();
    paceAs(key);
    return { ...r, id: key, state: 'pending', attempts: 0, resolution: how };
  };
  return (await notices.guard(records.update([id], retried)))[0];
}

/** Whether the server lists a usage under this record's key (never by time); `retry-unverified` if unsure. */
async function usageExists(c: OutboxParts, record: OutboxRecord): Promise<boolean> {
  const list = c.client?.listUsages?.bind(c.client);
  const unverified = (cause?: unknown): never => {
    throw new OutboxError('retry-unverified', { params: { id: record.id }, cause });
  };
  if (!list) return unverified();
  const u = record.usage;
  const day = Date.parse(u.show.start);
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_VERIFY_PAGES; page++) {
    const query = { venueId: u.venueId, from: iso(day - DAY_MS), to: iso(day + DAY_MS) };
    const answer = await list({ ...query, ...(cursor ? { cursor } : {}) }, { signal: c.signal }).catch(
      unverified,
    );
    if (answer.items.some((i) => i.idempotencyKey === record.id)) return true;
    if (answer.items.some((i) => i.idempotencyKey === undefined)) return unverified();
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) return false;
  }
  return unverified();
}

/**
 * What `Outbox.voidUsage` did: `removed` (no send of it ever started: deleted, never sent), `voided` (the server voided
 * the usage it registered; `result` is its answer, absent when a sync run voided it first), `void-queued` (it may have reached the server, which cannot be
 * asked now: the record keeps `voidRequestedAt` and the next sync settles it, exactly once), `nothing-to-void` (the
 * server refused the usage for good: nothing was registered; the record is closed as dismissed).
 */
export type VoidOutcome =
  | { readonly kind: 'removed'; readonly record: OutboxRecord }
  | { readonly kind: 'voided'; readonly record: OutboxRecord; readonly result?: VoidResult }
  | { readonly kind: 'void-queued'; readonly record: OutboxRecord }
  | { readonly kind: 'nothing-to-void'; readonly record: OutboxRecord };

/** How long an undo waits for a sync run under way (in this tab or another) before it leaves the void queued. */
const LOCK_WAIT_MS = 3_000;

/** Deletes a record no send started, else queues its void durably, settled now or by the next sync. */
export async function voidRecord(h: OutboxParts, id: string): Promise<VoidOutcome> {
  let found: OutboxRecord | undefined;
  const now = h.now();
  const [changed] = await h.records.update([id], (r) => {
    found = r;
    if (r.problem?.code === RECORD_TAMPERED || r.voidRequestedAt) return undefined;
    if (r.state === 'pending' && r.attempts === 0) return null;
    if (r.state === 'needs-attention')
      return { ...r, state: 'resolved', resolution: 'dismissed', settledAt: now };
    return r.state === 'resolved' ? undefined : { ...r, voidRequestedAt: now };
  });
  const record = changed ?? found;
  if (!record) throw new OutboxError('record-not-found', { params: { id } });
  if (record.problem?.code === RECORD_TAMPERED) throw new OutboxError(RECORD_TAMPERED, { params: { id } });
  if (!changed && record.state === 'pending' && record.attempts === 0) return { kind: 'removed', record };
  if (record.state === 'resolved') return { kind: 'nothing-to-void', record };
  h.undoing.add(id);
  try {
    for (let waited = 0; ; waited += 100) {
      const run = await h.lock.run(() => settleVoid(h, id, true));
      if (!run.busy) return run.value;
      if (h.signal.aborted || waited >= LOCK_WAIT_MS) return { kind: 'void-queued', record };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    h.undoing.delete(id);
  }
}

/**
 * Under the sync lock: resends a pending record under its key, then voids. A refusal needs attention, unless the
 * clerk's undo (`asked`) is refused by the server: the usage then stands as it was, and the undo rejects with why.
 */
export async function settleVoid(h: OutboxParts, id: string, asked = false): Promise<VoidOutcome> {
  let record = await h.records.get(id);
  if (record?.state === 'pending' && h.transport) {
    const [marked] = await markInFlight(h, [record]);
    const entry = marked && { idempotencyKey: id, usage: marked.usage };
    const sent = entry && (await h.transport.sendBatch([entry], h.signal).then((o) => o[0], classifyFailure));
    [record] = await h.records.update([id], (r) => applyOutcome(r, sent, h.now()));
    record ??= await h.records.get(id); // unchanged (try later), or settled by another tab meanwhile
  }
  if (!record) throw new OutboxError('record-not-found', { params: { id } });
  if (record.problem?.code === RECORD_TAMPERED) throw new OutboxError(RECORD_TAMPERED, { params: { id } });
  if (record.state === 'pending') return { kind: 'void-queued', record };
  if (record.voidedAt) return { kind: 'voided', record }; // by a sync run meanwhile: the void is sent once
  // Synced, or its void refused before (this undo asks again: the server answers as it did, or voids it now).
  if (record.state === 'resolved') return { kind: 'nothing-to-void', record };
  const voidUsage = h.client?.voidUsage?.bind(h.client);
  try {
    if (!voidUsage || record.usageId === undefined)
      throw new OutboxError('void-unverified', { params: { id } });
    const result = await voidUsage(record.usageId, { signal: h.signal });
    const done = { state: 'synced', problem: undefined, voidedAt: Date.parse(result.voidedAt) } as const;
    const [voided] = await h.records.update([id], (r) => ({ ...r, ...done }));
    return { kind: 'voided', record: voided ?? record, result };
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind === 'transient' && !(error instanceof OutboxError))
      return { kind: 'void-queued', record };
    if (asked && !(error instanceof OutboxError)) {
      await h.records.update([id], ({ voidRequestedAt: _, problem: __, ...r }) => ({
        ...r,
        state: 'synced',
      }));
      throw error;
    }
    const problem = { code: failure.code };
    const [held] = await h.records.update([id], (r) => ({ ...r, state: 'needs-attention', problem }));
    if (held) h.notices.attention(held, true);
    throw error;
  }
}
