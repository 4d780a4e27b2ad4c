import type { UseStore } from 'idb-keyval';
import { del, get, promisifyRequest, set } from 'idb-keyval';
import type { CardFacts } from './offline-check.js';

/** What the outbox keeps of a card for offline decisions: the ID, status, last valid day, minors. Nothing else. */
export type CachedCard = CardFacts & {
  /** Epoch ms when the server last returned this record. */
  readonly seenAt: number;
};

/**
 * How far in the future a `seenAt` may lie and still count (clock jitter between tabs). A record
 * "seen" hours ahead was stored while the terminal's clock ran ahead; once the clock is corrected its
 * age is unknown, so it is not trusted for offline decisions.
 */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const fresh = (entry: CachedCard, now: number, ttlMs: number): boolean => {
  const age = now - entry.seenAt;
  return age >= -FUTURE_TOLERANCE_MS && age <= ttlMs;
};

/**
 * A TTL cache of recently seen card records in the outbox's store, bound to one target (`scopeKey`): a
 * record Kaikukanta A returned never decides for Kaikukanta B, even in a store both share.
 */
export function cardCache(store: UseStore, ttlMs: number, scopeKey: string) {
  const prefix = `c:${scopeKey}|`;
  const key = (id: string): string => prefix + id;
  return {
    /**
     * Keeps only the four fields, whatever else the record carries, and only for an `active` card: a card
     * the server refuses needs no record for an offline decision (offline it is decided by policy), so its
     * record — and any older one of the same card — is deleted instead.
     */
    put(card: CardFacts, now: number): Promise<void> {
      if (card.status !== 'active') return del(key(card.id), store);
      const { id, status, validUntil, minors } = card;
      return set(key(id), { id, status, validUntil, minors, seenAt: now } satisfies CachedCard, store);
    },

    /** The cached record while it is younger than the TTL (and not from the future); else deleted. */
    async get(id: string, now: number): Promise<CachedCard | undefined> {
      const entry = await get<CachedCard>(key(id), store);
      if (!entry || fresh(entry, now, ttlMs)) return entry;
      await del(key(id), store).catch(() => undefined);
      return undefined;
    },

    /** Drops this target's expired entries (called with the retention purge). */
    purge(now: number): Promise<number> {
      return store('readwrite', async (s) => {
        const mine = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
        const [keys, all] = await Promise.all([
          promisifyRequest(s.getAllKeys(mine)),
          promisifyRequest(s.getAll(mine)) as Promise<CachedCard[]>,
        ]);
        const stale = keys.filter((_, i) => !fresh(all[i]!, now, ttlMs));
        for (const k of stale) s.delete(k);
        return stale.length;
      });
    },
  };
}
