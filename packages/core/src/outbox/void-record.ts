import type { VoidResult } from '../schemas/api.js';
import { OutboxError } from './outbox-error.js';
import { applyOutcome, type OutboxParts } from './sync-run.js';
import type { OutboxRecord } from './types.js';

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
