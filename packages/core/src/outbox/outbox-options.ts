import type { UseStore } from 'idb-keyval';
import type { BatchClient } from './api-transport.js';
import type { BackoffPolicy } from './backoff.js';
import type { CardFacts, OfflinePolicy } from './offline-check.js';
import type { ServerTally } from './show-tally.js';
import type { OutboxTransport } from './types.js';

/** The API client, or the parts of it the outbox uses (`createApiClient()` fits). */
export type OutboxClient = BatchClient & {
  lookupCard?(cardId: string, options?: { signal?: AbortSignal }): Promise<CardFacts>;
  getShowTally?(showId: string, options?: { signal?: AbortSignal }): Promise<ServerTally>;
};

export type OutboxOptions = {
  /** Delivers batches (`registerBatch`), looks cards up and fetches show tallies. */
  readonly client?: OutboxClient;
  /** Replaces `client.registerBatch` for delivery (tests, custom back ends). */
  readonly transport?: OutboxTransport;
  /** idb-keyval custom store; default `createStrictStore(databaseName, 'outbox')`. */
  readonly store?: UseStore;
  /** IndexedDB database name (one outbox per name and origin). Default `kaiku-outbox`. */
  readonly databaseName?: string;
  /** When a card cannot be looked up and is not cached. Default `accept-provisionally` (the operating model). */
  readonly offlinePolicy?: OfflinePolicy;
  /** Usages per request. Default 50 (the contract allows 100). */
  readonly batchSize?: number;
  readonly backoff?: BackoffPolicy;
  /**
   * How long one batch may take, the client's own timeouts and retries included, before the run gives
   * up on it as `timeout` (records kept). Guards against a transport that never settles. Default 5 min.
   */
  readonly sendTimeoutMs?: number;
  /** How long synced and resolved records stay (for the local tally and audit). Default 24 h; 0 = purge at once. */
  readonly retentionMs?: number;
  /**
   * How long a looked-up card record may decide offline. Default 24 h. Only cards the server reports
   * `active` are cached: a refused card's record is kept nowhere (offline it is decided by `offlinePolicy`).
   */
  readonly cardCacheTtlMs?: number;
  /**
   * How often the retention purge runs on its own (besides start-up and every sync run), so nothing stays
   * longer than `retentionMs` / `cardCacheTtlMs` on a terminal that neither reloads nor syncs. Default: the
   * shorter of the two, at least 10 s and at most 15 min.
   */
  readonly purgeIntervalMs?: number;
  /** Sync on start-up, on `online`, on a timer and after each enqueue. Default true; false = `syncNow()` only. */
  readonly autoSync?: boolean;
  /** `auto` uses Web Locks when present; `indexeddb-lease` forces the fallback (tests, embedded frames). */
  readonly lock?: 'auto' | 'indexeddb-lease';
  /** Ask the browser not to evict the outbox (`navigator.storage.persist()`). Default true. */
  readonly persist?: boolean;
  readonly now?: () => number;
  readonly random?: () => number;
};

export const DAY_MS = 24 * 60 * 60 * 1000;
