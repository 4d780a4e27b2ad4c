import type { UseStore } from 'idb-keyval';
import { recordStore } from './record-store.js';
import type { RecordStore } from './record-store.js';
import { createStrictStore } from './strict-store.js';
import type { OutboxScope } from './target.js';
import { LEGACY_DATABASE, recordTarget } from './target.js';
import type { OutboxRecord } from './types.js';

/** The needs-attention code of a record whose target was never recorded. */
export const TARGET_UNKNOWN = 'target-unknown';

const open = (r: OutboxRecord): boolean => r.state === 'pending' || r.state === 'needs-attention';

/**
 * Whether this outbox takes an untargeted record into its care. Only the venue is knowable (the usage names
 * it); the API it was meant for is not, so it is never sent on a guess: it becomes needs attention here.
 */
const forMe = (scope: OutboxScope, r: OutboxRecord): boolean =>
  !r.target && open(r) && (scope.venueId === undefined || r.usage.venueId === scope.venueId);

const adopted = (scope: OutboxScope, r: OutboxRecord): OutboxRecord => ({
  ...r,
  target: recordTarget(scope, r.usage.venueId),
  state: 'needs-attention',
  problem: { code: TARGET_UNKNOWN },
});

/**
 * Records written before outboxes were bound to a target carry none, and sat in one database per origin
 * (`kaiku-outbox`) that every API's tab shared. At start-up each outbox takes those of its venue — from its
 * own store, and from the old shared database when its own is another — as needs attention with the code
 * `target-unknown`, keeping their idempotency keys; staff then retry (send here), record manually or dismiss.
 * A move between databases writes the copy first and deletes the original after, so a crash in between
 * leaves a copy that the next start-up recognizes by its key. Settled old records and card records of the
 * old database are deleted after the retention: they are bound to no API. Resolves to the adopted records.
 */
export async function adoptUntargeted(
  scope: OutboxScope,
  records: RecordStore,
  legacy: { readonly databaseName: string; readonly retentionCutoff: number } | undefined,
): Promise<OutboxRecord[]> {
  const found = await records.rewrite((r) => (forMe(scope, r) ? adopted(scope, r) : undefined));
  if (!legacy || legacy.databaseName === LEGACY_DATABASE || !(await legacyExists())) return found;
  const oldStore: UseStore = createStrictStore(LEGACY_DATABASE, 'outbox');
  const old = recordStore(oldStore);
  const all = await old.listAll();
  const mine = all.filter((r) => forMe(scope, r));
  const have = new Set((await records.listAll()).map((r) => r.id));
  const moved = mine.filter((r) => !have.has(r.id)).map((r) => adopted(scope, r));
  for (const r of moved) await records.put(r);
  const settledOld = all.filter((r) => !r.target && !open(r) && (r.settledAt ?? 0) <= legacy.retentionCutoff);
  await old.removeRaw([...mine, ...settledOld].map((r) => r.id));
  await oldStore('readwrite', (s) => {
    s.delete(IDBKeyRange.bound('c:', 'c:\uffff'));
    return undefined;
  });
  return [...found, ...moved];
}

/** Opening a database creates it: look first where the browser can tell (Chromium, Firefox ≥ 126, Safari). */
async function legacyExists(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((d) => d.name === LEGACY_DATABASE);
}
