import { promisifyRequest, type UseStore } from 'idb-keyval';
import { UsageRequestSchema } from '../schemas/api.js';
import { sha256Hex } from '../sha256.js';
import { hexOf, newIdempotencyKey } from './idempotency-key.js';
import { OutboxError } from './outbox-error.js';
import type { OutboxScope } from './outbox-options.js';
import type { Acceptance, OutboxRecord, OutboxUsage, RecordState } from './types.js';

/*
 * Stored records are data, not orders: every record the outbox writes carries a seal, a keyed SHA-256 over every field
 * an action reads and the record's generation; one that does not match was changed (or put back) outside the outbox and reads as
 * needs attention (`record-tampered`). The key is in the outbox's database (earlier sessions still sync), so a script
 * that reads it can forge a seal: docs/outbox.md ("Stored records") and docs/threat-model.md say why this scheme
 * (synchronous, inside the record's own transaction, also on plain-http pages) and what it cannot stop.
 */

/** The needs-attention code of a record whose seal does not match. */
export const RECORD_TAMPERED = 'record-tampered';

/** Key prefixes: usages (`u:`), their generations (`g:`), undone usages (`x:`), cards (`c:`), tallies (`t:`). */
const USAGE = 'u:';
const GEN = 'g:';
const UNDONE = 'x:';
const SEAL_KEY = 'k:seal';
const range = (prefix: string): IDBKeyRange => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

/** JSON with every object's keys sorted: the same record seals the same however its fields were spread. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
/** HMAC-style nesting (the key before the data, twice) over every field but the seal, and the generation (`g:`). */
const sealOf = (key: string, r: OutboxRecord, gen: number): string =>
  sha256Hex(key + sha256Hex(key + canonical([gen, { ...r, seal: undefined }])));
/** The record as stored, or, when its seal does not match, a needs-attention copy (`record-tampered`). */
const checked = (key: string, r: OutboxRecord, gen: unknown): OutboxRecord =>
  typeof gen === 'number' && r.seal === sealOf(key, r, gen)
    ? r
    : { ...r, state: 'needs-attention', problem: { code: RECORD_TAMPERED } };

const usageKey = (id: string): string => `${USAGE}${id}`;
const genKey = (id: string): string => `${GEN}${id}`;
const undoneKey = (id: string): string => `${UNDONE}${id}`;

export type RecordStore = ReturnType<typeof recordStore>;

/** One target's records (`mine`), so no path reaches another target's usage; `listAll` sees all. */
export function recordStore(store: UseStore, mine: (record: OutboxRecord) => boolean = () => true) {
  /** The seal key this page last read or made. */
  let known: string | undefined;
  /**
   * The database's seal key (256 random bits as hex), read in the write transaction `s`. A database without one (new,
   * or cleared by the browser mid-shift while this page held the key) is given this page's key in that same
   * transaction: what it seals there still reads as sealed after a reload.
   */
  const keyIn = async (s: IDBObjectStore): Promise<string> => {
    const stored = (await promisifyRequest(s.get(SEAL_KEY))) as unknown;
    if (typeof stored === 'string') return (known = stored);
    known ??= hexOf(crypto.getRandomValues(new Uint8Array(32)));
    s.put(known, SEAL_KEY);
    return known;
  };
  /** The key for a read: this page's, or the database's (made on first use). */
  const sealKey = async (): Promise<string> => known ?? store('readwrite', keyIn);
  /** A stored record of this target, checked against its seal and generation (none once undone: a copy put back). */
  const own = (key: string, [r, gen, undone]: readonly unknown[]) =>
    r && mine(r as OutboxRecord) ? checked(key, r as OutboxRecord, undone ?? gen) : undefined;
  const read = (s: IDBObjectStore, id: string) =>
    Promise.all(
      [usageKey(id), genKey(id), undoneKey(id)].map((k) => promisifyRequest(s.get(k) as IDBRequest)),
    );
  /** Writes a record as generation `gen` (its count of writes: an older copy put back no longer matches). */
  const write = (s: IDBObjectStore, key: string, next: OutboxRecord, gen: number): OutboxRecord => {
    const stored = { ...next, seal: sealOf(key, next, gen) };
    s.put(stored, usageKey(next.id));
    s.put(gen, genKey(next.id));
    s.delete(undoneKey(next.id)); // staff dismissed a copy put back: it reads as they left it
    return stored;
  };
  const drop = (s: IDBObjectStore, id: string): void => {
    s.delete(usageKey(id));
    s.delete(genKey(id));
  };
  const all = async (): Promise<OutboxRecord[]> => {
    const key = await sealKey();
    const [raw, genIds, gens, undone] = await store('readonly', (s) =>
      Promise.all([
        promisifyRequest(s.getAll(range(USAGE))),
        promisifyRequest(s.getAllKeys(range(GEN))),
        promisifyRequest(s.getAll(range(GEN))),
        promisifyRequest(s.getAllKeys(range(UNDONE))),
      ]),
    );
    const genOf = new Map(genIds.map((k, i) => [String(k).slice(GEN.length), gens[i] as unknown]));
    for (const k of undone) genOf.set(String(k).slice(UNDONE.length), 'undone');
    return (raw as OutboxRecord[]).map((r) => checked(key, r, genOf.get(String(r.id))));
  };
  return {
    /**
     * Writes a new record; resolves only after the strict-durability transaction completed. A record of this target
     * that `refusedBy` matches, read in that same transaction, is returned instead and nothing is written.
     */
    async put(
      record: OutboxRecord,
      refusedBy?: (kept: OutboxRecord) => boolean,
    ): Promise<OutboxRecord | undefined> {
      return store('readwrite', async (s) => {
        const key = await keyIn(s);
        const kept = refusedBy ? ((await promisifyRequest(s.getAll(range(USAGE)))) as OutboxRecord[]) : [];
        const prior = kept.find((r) => mine(r) && refusedBy!(r));
        if (!prior) write(s, key, record, 1);
        return prior;
      });
    },

    async get(id: string): Promise<OutboxRecord | undefined> {
      const key = await sealKey();
      return own(key, await store('readonly', (s) => read(s, id)));
    },

    /** This target's records, oldest first (by confirmation time). */
    async list(states?: readonly RecordState[]): Promise<OutboxRecord[]> {
      const wanted = (await all()).filter((r) => mine(r) && (!states || states.includes(r.state)));
      return wanted.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },

    /** Every record in the store, whatever its target (or none). */
    listAll: all,

    /**
     * Applies `change` to each record in one read-then-write transaction (no stale copy overwrites another tab's);
     * `undefined` keeps a record, `null` deletes it, a new ID replaces it. Resolves to the changed records.
     */
    async update(
      ids: readonly string[],
      change: (record: OutboxRecord) => OutboxRecord | null | undefined,
    ): Promise<OutboxRecord[]> {
      return store('readwrite', async (s) => {
        const key = await keyIn(s);
        const changed: OutboxRecord[] = [];
        for (const stored of await Promise.all(ids.map((id) => read(s, id)))) {
          const current = own(key, stored);
          const next = current && change(current);
          if (!current || next === undefined || next === current) continue;
          if (next === null || next.id !== current.id) drop(s, current.id);
          if (next === null) s.put('undone', undoneKey(current.id));
          if (next) changed.push(write(s, key, next, next.id === current.id ? Number(stored[1]) + 1 : 1));
        }
        return changed;
      });
    },

    /** Deletes records by ID whatever their target. */
    remove(ids: readonly string[]): Promise<void> {
      return store('readwrite', (s) => ids.forEach((id) => drop(s, id)));
    },
  };
}

/** A new pending record, strictly validated: `invalid-usage` names unknown fields' paths, never values. */
export function newRecord(
  usage: OutboxUsage,
  acceptance: Acceptance,
  now: number,
  scope: OutboxScope,
): OutboxRecord {
  const parsed = UsageRequestSchema.safeParse(usage);
  if (!parsed.success) {
    // An unknown key is reported on its parent object: name the key itself.
    const paths = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : [i.path.join('.')],
    );
    throw new OutboxError('invalid-usage', { params: { fields: [...new Set(paths)].join(', ') } });
  }
  return {
    id: newIdempotencyKey(),
    usage: parsed.data,
    target: { api: scope.api, venueId: parsed.data.venueId },
    state: 'pending',
    acceptance,
    createdAt: now,
    attempts: 0,
  };
}
