import { classifyFailure, isAuthFailure } from './api-transport.js';
import { del, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { CardBooking } from '../schemas/api-responses.js';
import type { LookupOptions as LookupFor } from '../api/create-api-client.js';

/** What to do when a card cannot be looked up: the operating model records now and registers later. */
export const OFFLINE_POLICIES = ['accept-provisionally', 'refuse'] as const;
/** `'accept-provisionally'` (record now, the server decides later) or `'refuse'`. */
export type OfflinePolicy = (typeof OFFLINE_POLICIES)[number];

/** The card facts a decision needs (the contract's `CardRecord` fits). */
export type CardFacts = {
  readonly id: string;
  readonly status: string;
  readonly validUntil: string;
  readonly minors: number;
  /** Its booking for the show the look-up named (`forShow`): from the server only, never cached. */
  readonly booking?: CardBooking;
};

/**
 * Result of `outbox.checkCard()`. `source` tells where the facts came from; `provisional` is true when
 * the server could not be asked, so the usage must be flagged and is checked again on sync.
 */
export type CardCheck<C extends CardFacts = CardFacts> =
  | { readonly ok: true; readonly source: 'server'; readonly card: C; readonly provisional: false }
  | {
      readonly ok: true;
      readonly source: 'cache';
      readonly card: CachedCard;
      readonly provisional: true;
      readonly failure: string;
    }
  | {
      readonly ok: true;
      readonly source: 'format';
      readonly card: undefined;
      readonly provisional: true;
      readonly failure: string;
    }
  | { readonly ok: false; readonly code: 'offline-refused'; readonly failure: string };

export type CheckDeps<C extends CardFacts> = {
  readonly lookup: (id: string, options: LookupFor) => Promise<C>;
  /** Called when the server answered (a card, or a refusal): it is reachable. */
  readonly reachable?: () => void;
  readonly cacheGet: (id: string) => Promise<CachedCard | undefined>;
  readonly cachePut: (card: C) => Promise<void>;
  readonly policy: OfflinePolicy;
};

/**
 * Looks a card up; only an unreachable server falls back to the cached record or the ID format, by policy.
 */
export async function checkCardWithFallback<C extends CardFacts>(
  id: string,
  deps: CheckDeps<C>,
  options: LookupFor = {},
): Promise<CardCheck<C>> {
  try {
    const card = await deps.lookup(id, options);
    deps.reachable?.();
    await deps.cachePut(card).catch(() => undefined); // a full disk must not block an online decision
    return { ok: true, source: 'server', card, provisional: false };
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind === 'refused') deps.reachable?.();
    // Refused, or the terminal's sign-in failed (401/403): not offline, so no cache or format decides.
    if (failure.kind === 'refused' || isAuthFailure(error)) throw error;
    const cached = await deps.cacheGet(id).catch(() => undefined);
    if (cached) return { ok: true, source: 'cache', card: cached, provisional: true, failure: failure.code };
    if (deps.policy === 'refuse') return { ok: false, code: 'offline-refused', failure: failure.code };
    return { ok: true, source: 'format', card: undefined, provisional: true, failure: failure.code };
  }
}

/** What the outbox keeps of a card for offline decisions: the ID, status, last valid day, minors. Nothing else. */
export type CachedCard = CardFacts & {
  /** Epoch ms when the server last returned this record. */
  readonly seenAt: number;
};

/** Clock jitter between tabs; a `seenAt` further ahead has an unknown age and is not trusted. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const fresh = (entry: CachedCard, now: number, ttlMs: number): boolean => {
  const age = now - entry.seenAt;
  return age >= -FUTURE_TOLERANCE_MS && age <= ttlMs;
};

/** TTL cache of seen cards bound to one target: A's record never decides for B. */
export function cardCache(store: UseStore, ttlMs: number, scopeKey: string) {
  const prefix = `c:${scopeKey}|`;
  const key = (id: string): string => prefix + id;
  return {
    /** Keeps the four fields of an `active` card; any other card's record is deleted (policy decides offline). */
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
