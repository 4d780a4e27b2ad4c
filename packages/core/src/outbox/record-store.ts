import type { UseStore } from 'idb-keyval';
import { promisifyRequest } from 'idb-keyval';
import type { OutboxRecord, RecordState } from './types.js';

/** Key prefixes inside the one object store: usages, cached cards, show tallies, the sync lease. */
const USAGE = 'u:';
const range = (prefix: string): IDBKeyRange => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

export const usageKey = (id: string): string => `${USAGE}${id}`;

/** Typed access to the outbox's records over an idb-keyval `UseStore`. */
export type RecordStore = ReturnType<typeof recordStore>;

export function recordStore(store: UseStore) {
  return {
    /** Resolves only after the strict-durability transaction completed. */
    put(record: OutboxRecord): Promise<void> {
      return store('readwrite', (s) => {
        s.put(record, usageKey(record.id));
        return promisifyRequest(s.transaction);
      });
    },

    get(id: string): Promise<OutboxRecord | undefined> {
      return store('readonly', (s) =>
        promisifyRequest(s.get(usageKey(id)) as IDBRequest<OutboxRecord | undefined>),
      );
    },

    /** All records, oldest first (by confirmation time). */
    async list(states?: readonly RecordState[]): Promise<OutboxRecord[]> {
      const all = await store('readonly', (s) =>
        promisifyRequest(s.getAll(range(USAGE)) as IDBRequest<OutboxRecord[]>),
      );
      const wanted = states ? all.filter((r) => states.includes(r.state)) : all;
      return wanted.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },

    /**
     * Applies `change` to each listed record in one transaction, reading the current value first, so a
     * concurrent change in another tab (e.g. staff resolving a record) is not overwritten with a stale copy.
     */
    update(
      ids: readonly string[],
      change: (record: OutboxRecord) => OutboxRecord | undefined,
    ): Promise<OutboxRecord[]> {
      return store('readwrite', async (s) => {
        const changed: OutboxRecord[] = [];
        const reads = ids.map((id) =>
          promisifyRequest(s.get(usageKey(id)) as IDBRequest<OutboxRecord | undefined>),
        );
        for (const current of await Promise.all(reads)) {
          if (!current) continue;
          const next = change(current);
          if (next && next !== current) {
            s.put(next, usageKey(next.id));
            changed.push(next);
          }
        }
        return changed;
      });
    },

    /**
     * Replaces a record by a copy under a new ID in one transaction (only if `accept` approves the
     * current value); resolves to the copy, or undefined when nothing was replaced.
     */
    replace(
      id: string,
      accept: (record: OutboxRecord) => boolean,
      copy: (record: OutboxRecord) => OutboxRecord,
    ): Promise<OutboxRecord | undefined> {
      return store('readwrite', async (s) => {
        const current = (await promisifyRequest(s.get(usageKey(id)))) as OutboxRecord | undefined;
        if (!current || !accept(current)) return undefined;
        const next = copy(current);
        s.put(next, usageKey(next.id));
        s.delete(usageKey(id));
        return next;
      });
    },

    remove(ids: readonly string[]): Promise<void> {
      return store('readwrite', (s) => {
        for (const id of ids) s.delete(usageKey(id));
        return promisifyRequest(s.transaction);
      });
    },
  };
}
