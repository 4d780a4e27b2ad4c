import type { UseStore } from 'idb-keyval';
import type { BatchClient } from './api-transport.js';
import type { BackoffPolicy } from './backoff.js';
import { type CardFacts, OFFLINE_POLICIES, type OfflinePolicy } from './offline-check.js';
import type { LookupOptions as LookupFor } from '../api/create-api-client.js';
import { OutboxError } from './outbox-error.js';
import { checkOptions as checkOptionNames, optionKeys } from '../errors/options-error.js';
import type { ServerTally } from './show-tally.js';
import type { OutboxCounts, OutboxRecord, OutboxTransport, RecordTarget } from './types.js';
import type { VoidResult } from '../schemas/api.js';

/** The API client, or the parts of it the outbox uses (`createApiClient()` fits). */
export type OutboxClient = BatchClient & {
  /** The API's base URL: the outbox's target when `target` is not given (`createApiClient()` has it). */
  readonly baseUrl?: string;
  lookupCard?(cardId: string, options?: LookupFor): Promise<CardFacts>;
  getShowTally?(showId: string, options?: { signal?: AbortSignal }): Promise<ServerTally>;
  /** Voids a synced usage by its `usageId` (`Outbox.voidUsage`); `createApiClient()` has it. */
  voidUsage?(usageId: string, options?: { signal?: AbortSignal }): Promise<VoidResult>;
  /**
   * Lists a venue's usages: `resolve(id, 'retry')` asks it after an ambiguous `idempotency-key-reused`, looking for
   * the record's idempotency key among the listed usages' `idempotencyKey`.
   */
  listUsages?(
    query: { venueId: string; from: string; to: string; cursor?: string },
    options?: { signal?: AbortSignal },
  ): Promise<{
    readonly items: readonly { readonly idempotencyKey?: string }[];
    readonly nextCursor: string | null;
  }>;
};

/**
 * Options of `createOutbox`: `client` (or `transport` + `target`) is required; an unknown option throws
 * `OptionsError` (`unknown-field`). See docs/outbox.md for each.
 */
export type OutboxOptions = {
  /** Delivers batches (`registerBatch`), looks cards up and fetches show tallies. */
  readonly client?: OutboxClient;
  /** Replaces `client.registerBatch` for delivery (tests, custom back ends). */
  readonly transport?: OutboxTransport;
  /**
   * The Kaikukanta this outbox delivers to: the API's base URL and, optionally, the one venue it serves. Every
   * record is bound to it and sent only by an outbox of the same target. Default: the client's `baseUrl`
   * (required with a custom `transport`).
   */
  readonly target?: OutboxTarget;
  /** idb-keyval custom store; default `createStrictStore(databaseName, 'outbox')`. */
  readonly store?: UseStore;
  /**
   * IndexedDB database name. Default: one per target, `kaiku-outbox <api> <venue>`. Outboxes of several
   * targets may share a named database: each still sends, counts and caches only its own target's records.
   */
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

/** Which Kaikukanta an outbox delivers to: the API's base URL and, optionally, the one venue it serves. */
export type OutboxTarget = { readonly baseUrl: string; readonly venueId?: string | undefined };

/**
 * A normalized target: `api` is origin and path with a trailing slash; `key` names its database, lock, channel.
 */
export type OutboxScope = {
  readonly api: string;
  readonly venueId: string | undefined;
  readonly key: string;
};

/** Normalizes a target; `invalid-option` (naming the field) for an unparsable URL or an empty venue. */
export function outboxScope(target: OutboxTarget): OutboxScope {
  let url: URL | undefined;
  try {
    url = new URL(target.baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol))
    throw new OutboxError('invalid-option', { params: { fields: 'target.baseUrl' } });
  if (target.venueId !== undefined && (typeof target.venueId !== 'string' || target.venueId === ''))
    throw new OutboxError('invalid-option', { params: { fields: 'target.venueId' } });
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  const api = `${url.origin}${path}`;
  // A URL has no spaces (they are percent-encoded), so the first space separates the two parts.
  return { api, venueId: target.venueId, key: target.venueId ? `${api} ${target.venueId}` : api };
}

/** Same API, and venue if set. A record without a target belongs to no outbox: never sent, never blocking. */
export function belongsTo(scope: OutboxScope, record: OutboxRecord): boolean {
  const t = record.target as RecordTarget | null | undefined;
  return !!t && t.api === scope.api && (scope.venueId === undefined || t.venueId === scope.venueId);
}

/** Open records of one target in an outbox's store (`targetCounts()`). */
export type TargetCounts = OutboxCounts & {
  readonly target: RecordTarget;
  /** True for this outbox's own target. */
  readonly own: boolean;
};

/** Open records per target, the scope's own first (`Outbox.targetCounts`); a record without a target counts for none. */
export function countByTarget(scope: OutboxScope, records: readonly OutboxRecord[]): TargetCounts[] {
  const counts = new Map<string, TargetCounts>();
  for (const r of records) {
    if ((r.state !== 'pending' && r.state !== 'needs-attention') || !(r.target as RecordTarget | null))
      continue;
    const key = `${r.target.api} ${r.target.venueId}`;
    const own = belongsTo(scope, r);
    const c = counts.get(key) ?? { target: r.target, own, pending: 0, needsAttention: 0 };
    const field = r.state === 'pending' ? 'pending' : 'needsAttention';
    counts.set(key, { ...c, [field]: c[field] + 1 });
  }
  return [...counts.values()].sort((a, b) => Number(b.own) - Number(a.own));
}

export const DAY_MS = 24 * 60 * 60 * 1000;

const OUTBOX_OPTIONS = optionKeys<OutboxOptions>()(
  'client transport target store databaseName offlinePolicy batchSize backoff sendTimeoutMs retentionMs cardCacheTtlMs purgeIntervalMs autoSync lock persist now random',
);
const TARGET_OPTIONS = optionKeys<OutboxTarget>()('baseUrl venueId');
const BACKOFF_OPTIONS = optionKeys<BackoffPolicy>()('baseMs maxMs');

/**
 * Refuses an option the outbox does not know (`OptionsError`, `unknown-field`, with the one it meant), then values
 * that would silently mean something else (a typo'd policy, a negative time; `invalid-option`). Names first: a
 * misspelt `target` or `client` would otherwise be reported as a missing target. Resolves the outbox's target:
 * given, or the API client's base URL; without either it cannot know where it sends.
 */
export function checkOptions(o: OutboxOptions): OutboxScope {
  checkOptionNames('createOutbox', o, OUTBOX_OPTIONS);
  checkOptionNames('createOutbox', o.target, TARGET_OPTIONS, 'target.');
  checkOptionNames('createOutbox', o.backoff, BACKOFF_OPTIONS, 'backoff.');
  const times = ['retentionMs', 'cardCacheTtlMs', 'purgeIntervalMs', 'sendTimeoutMs'] as const;
  const bad: string[] = times.filter(
    (k) => o[k] !== undefined && !(typeof o[k] === 'number' && Number.isFinite(o[k]) && o[k] >= 0),
  );
  if (o.purgeIntervalMs === 0) bad.push('purgeIntervalMs');
  if (o.offlinePolicy !== undefined && !(OFFLINE_POLICIES as readonly string[]).includes(o.offlinePolicy))
    bad.push('offlinePolicy');
  if (bad.length) throw new OutboxError('invalid-option', { params: { fields: bad.join(', ') } });
  const target = o.target ?? (o.client?.baseUrl ? { baseUrl: o.client.baseUrl } : undefined);
  if (!target) throw new OutboxError('invalid-option', { params: { fields: 'target' } });
  return outboxScope(target);
}
