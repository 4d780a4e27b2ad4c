import { nextDelay } from './backoff.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { OutboxError } from './outbox-error.js';
import { DAY_MS } from './outbox-options.js';
import { RECORD_TAMPERED } from './record-store.js';
import type { OutboxParts } from './sync-run.js';
import type { OutboxRecord, Resolution } from './types.js';

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
