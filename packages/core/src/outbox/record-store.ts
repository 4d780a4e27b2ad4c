import type { UseStore } from 'idb-keyval';
import { delMany, promisifyRequest, set } from 'idb-keyval';
import { checked, newSealKey, SEAL_KEY, sealed } from './record-seal.js';
import type { OutboxRecord, RecordState } from './types.js';

/** Key prefixes inside the one object store: usages, cached cards, show tallies, the sync lease. */
const USAGE = 'u:';
const range = (prefix: string): IDBKeyRange => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

export const usageKey = (id: string): string => `${USAGE}${id}`;

/** Typed access to the outbox's records over an idb-keyval `UseStore`. */
export type RecordStore = ReturnType<typeof recordStore>;

/**
 * Typed access to the records of one target (`mine`): listing, reading, updating and replacing see only
 * them, so no code path of a sync run, a count or an export can reach another target's usage. `listAll`
 * sees every record of the store (per-target counts).
 */
export function recordStore(store: UseStore, mine: (record: OutboxRecord) => boolean = () => true) {
  let keyLoad: Promise<string> | undefined;
  /** The database's seal key (record-seal.ts), made on first use: a record without a valid seal is `record-tampered`. */
  const sealKey = (): Promise<string> =>
    (keyLoad ??= store('readwrite', async (s) => {
      const stored = (await promisifyRequest(s.get(SEAL_KEY))) as unknown;
      if (typeof stored === 'string') return stored;
      const key = newSealKey();
      s.put(key, SEAL_KEY);
      return key;
    }).catch((error: unknown) => {
      keyLoad = undefined;
      throw error;
    }));
  const read = (key: string, r: OutboxRecord | undefined) => (r ? checked(key, r) : undefined);
  const own = (r: OutboxRecord | undefined): OutboxRecord | undefined => (r && mine(r) ? r : undefined);
  const all = async (): Promise<OutboxRecord[]> => {
    const key = await sealKey();
    const raw = await store('readonly', (s) => promisifyRequest(s.getAll(range(USAGE))));
    return (raw as OutboxRecord[]).map((r) => checked(key, r));
  };
  return {
    /** Resolves only after the strict-durability transaction completed. */
    async put(record: OutboxRecord): Promise<void> {
      return set(usageKey(record.id), sealed(await sealKey(), record), store);
    },

    async get(id: string): Promise<OutboxRecord | undefined> {
      const key = await sealKey();
      const raw = await store('readonly', (s) => promisifyRequest(s.get(usageKey(id))));
      return own(read(key, raw as OutboxRecord | undefined));
    },

    /** This target's records, oldest first (by confirmation time). */
    async list(states?: readonly RecordState[]): Promise<OutboxRecord[]> {
      const wanted = (await all()).filter((r) => mine(r) && (!states || states.includes(r.state)));
      return wanted.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },

    /** Every record in the store, whatever its target (or none). */
    listAll: all,

    /**
     * Applies `change` to each listed record in one transaction, reading the current value first, so a
     * concurrent change in another tab (e.g. staff resolving a record) is not overwritten with a stale copy.
     */
    async update(
      ids: readonly string[],
      change: (record: OutboxRecord) => OutboxRecord | undefined,
    ): Promise<OutboxRecord[]> {
      const key = await sealKey();
      return store('readwrite', async (s) => {
        const changed: OutboxRecord[] = [];
        const reads = ids.map((id) =>
          promisifyRequest(s.get(usageKey(id)) as IDBRequest<OutboxRecord | undefined>),
        );
        for (const raw of await Promise.all(reads)) {
          const current = read(key, raw);
          if (!current || !mine(current)) continue;
          const next = change(current);
          if (next && next !== current) {
            const stored = sealed(key, next);
            s.put(stored, usageKey(next.id));
            changed.push(stored);
          }
        }
        return changed;
      });
    },

    /**
     * Replaces a record by a copy under a new ID in one transaction (only if `accept` approves the
     * current value); resolves to the copy, or undefined when nothing was replaced.
     */
    async replace(
      id: string,
      accept: (record: OutboxRecord) => boolean,
      copy: (record: OutboxRecord) => OutboxRecord,
    ): Promise<OutboxRecord | undefined> {
      const key = await sealKey();
      return store('readwrite', async (s) => {
        const current = own(
          read(key, (await promisifyRequest(s.get(usageKey(id)))) as OutboxRecord | undefined),
        );
        if (!current || !accept(current)) return undefined;
        const next = sealed(key, copy(current));
        s.put(next, usageKey(next.id));
        s.delete(usageKey(id));
        return next;
      });
    },

    /** Deletes records by ID whatever their target. */
    remove(ids: readonly string[]): Promise<void> {
      return delMany(ids.map(usageKey), store);
    },
  };
}
