import { delMany, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { UsageRequestSchema } from '../schemas/api.js';
import { sha256Hex } from '../sha256.js';
import { hexOf, newIdempotencyKey } from './idempotency-key.js';
import { OutboxError } from './outbox-error.js';
import type { OutboxScope } from './outbox-options.js';
import type { Acceptance, OutboxRecord, OutboxUsage, RecordState } from './types.js';

/*
 * Stored records are data, not orders: every record the outbox writes carries a seal, a keyed SHA-256 over what
 * decides where, what and whether it is sent; one that does not match was changed outside the outbox and reads as
 * needs attention (`record-tampered`). The key is in the outbox's database (earlier sessions still sync), so a script
 * that reads it can forge a seal: docs/outbox.md ("Stored records") and docs/threat-model.md say why this scheme
 * (synchronous, inside the record's own transaction, also on plain-http pages) and what it cannot stop.
 */

/** The needs-attention code of a record whose seal does not match. */
export const RECORD_TAMPERED = 'record-tampered';

/** Key prefixes inside the one object store: usages (`u:`), cached cards (`c:`), show tallies (`t:`), the seal key. */
const USAGE = 'u:';
const SEAL_KEY = 'k:seal';
const range = (prefix: string): IDBKeyRange => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

/** HMAC-style nesting (the key before the data, twice), so a seal cannot be extended to other content. */
const sealOf = (key: string, r: OutboxRecord): string =>
  sha256Hex(
    key +
      sha256Hex(key + JSON.stringify([r.id, r.target ?? null, r.state, r.acceptance, r.createdAt, r.usage])),
  );
const sealed = (key: string, r: OutboxRecord): OutboxRecord => ({ ...r, seal: sealOf(key, r) });
/** The record as stored, or, when its seal does not match, a needs-attention copy (`record-tampered`). */
const checked = (key: string, r: OutboxRecord): OutboxRecord =>
  r.seal === sealOf(key, r) ? r : { ...r, state: 'needs-attention', problem: { code: RECORD_TAMPERED } };

const usageKey = (id: string): string => `${USAGE}${id}`;

export type RecordStore = ReturnType<typeof recordStore>;

/**
 * Typed access to the records of one target (`mine`): listing, reading and updating see only
 * them, so no code path of a sync run, a count or an export can reach another target's usage. `listAll`
 * sees every record of the store (per-target counts).
 */
export function recordStore(store: UseStore, mine: (record: OutboxRecord) => boolean = () => true) {
  let keyLoad: Promise<string> | undefined;
  /** The database's seal key (256 random bits as hex), made on first use. */
  const sealKey = (): Promise<string> =>
    (keyLoad ??= store('readwrite', async (s) => {
      const stored = (await promisifyRequest(s.get(SEAL_KEY))) as unknown;
      if (typeof stored === 'string') return stored;
      const key = hexOf(crypto.getRandomValues(new Uint8Array(32)));
      s.put(key, SEAL_KEY);
      return key;
    }).catch((error: unknown) => {
      keyLoad = undefined;
      throw error;
    }));
  /** A stored record of this target, checked against its seal. */
  const own = (key: string, r: OutboxRecord | undefined) => (r && mine(r) ? checked(key, r) : undefined);
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
      return own(key, await get<OutboxRecord>(usageKey(id), store));
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
     * A changed record under a new ID replaces the old one. Resolves to the changed records.
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
          const current = own(key, raw);
          const next = current && change(current);
          if (!current || !next || next === current) continue;
          const stored = sealed(key, next);
          s.put(stored, usageKey(next.id));
          if (next.id !== current.id) s.delete(usageKey(current.id));
          changed.push(stored);
        }
        return changed;
      });
    },

    /** Deletes records by ID whatever their target. */
    remove(ids: readonly string[]): Promise<void> {
      return delMany(ids.map(usageKey), store);
    },
  };
}

/**
 * A new pending record for a usage: validated by the contract's strict schema and given a fresh key.
 * A field the contract does not know (a misspelt one, or anything about a holder) is refused, never dropped
 * quietly nor stored. Throws `invalid-usage` listing the offending field paths (never their values).
 */
export function newRecord(
  usage: OutboxUsage,
  acceptance: Acceptance,
  now: number,
  scope: OutboxScope,
): OutboxRecord {
  const parsed = UsageRequestSchema.safeParse(usage);
  if (!parsed.success) {
    const fields = [
      ...new Set(
        parsed.error.issues.flatMap((i) =>
          // An unknown key is reported on its parent object: name the key itself.
          i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : [i.path.join('.')],
        ),
      ),
    ].join(', ');
    throw new OutboxError('invalid-usage', { params: { fields } });
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
