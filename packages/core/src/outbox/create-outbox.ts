import type { UseStore } from 'idb-keyval';
import { outboxTransport } from './api-transport.js';
import { DEFAULT_BACKOFF } from './backoff.js';
import { type CsvOptions, toUsageReportCsv } from './csv-export.js';
import { detectKeySource, newIdempotencyKey } from './idempotency-key.js';
import {
  cardCache,
  type CardCheck,
  type CardFacts,
  checkCardWithFallback,
  type OfflinePolicy,
} from './offline-check.js';
import { OutboxError } from './outbox-error.js';
import type { LookupOptions as LookupFor } from '../api/create-api-client.js';
import { OutboxEventTarget } from './outbox-events.js';
import {
  belongsTo,
  checkOptions,
  countByTarget,
  DAY_MS,
  type OutboxOptions,
  type OutboxScope,
  type TargetCounts,
} from './outbox-options.js';
import { newRecord, recordStore } from './record-store.js';
import { combineTally, type LocalTally, tallyStore } from './show-tally.js';
import { createStrictStore, requestPersistence } from './strict-store.js';
import { createSyncLock } from './sync-lock.js';
import { type AttemptOutcome, SyncScheduler } from './sync-scheduler.js';
import { attemptSync, type OutboxParts } from './sync-run.js';
import { OutboxNotices } from './outbox-notices.js';
import { resolveRecord, type VoidOutcome, voidRecord } from './record-actions.js';
import { BATCH_MAX_ITEMS } from '../schemas/api-request.js';
import type {
  OutboxCapabilities,
  OutboxCounts,
  OutboxRecord,
  OutboxUsage,
  Acceptance,
  Resolution,
} from './types.js';

export type { TargetCounts };

/** What `syncNow()` reports. */
export type SyncSummary = OutboxCounts & {
  readonly outcome: AttemptOutcome['kind'];
  readonly failure?: string;
};

/**
 * The offline outbox: every confirmed usage is on disk before `enqueue()` resolves, and reaches the
 * server exactly once (its idempotency key is resent with every attempt). See docs/outbox.md.
 */
export class Outbox extends OutboxEventTarget {
  /**
   * Resolves once the store is open and the lock is set up; rejects with an `OutboxError` (`storage-unavailable`,
   * …) when IndexedDB cannot be used. Every method waits for it.
   */
  readonly ready: Promise<void>;
  /**
   * The target this outbox serves: the API (origin + base path) and, when given, the venue. It sends, counts,
   * exports and caches only what belongs to it.
   */
  readonly scope: OutboxScope;
  /** The IndexedDB database in use (by default one per target: `kaiku-outbox <api> <venue>`). */
  readonly databaseName: string;
  #capabilities: OutboxCapabilities;
  readonly #p: OutboxParts;
  readonly #cards;
  readonly #tallies;
  readonly #scheduler;
  readonly #abort = new AbortController();
  readonly #retentionMs: number;
  readonly #offlinePolicy: OfflinePolicy;
  #stopped = false;
  #purgeTimer: ReturnType<typeof setInterval> | undefined;

  /** See `createOutbox`. */
  constructor(options: OutboxOptions, store?: UseStore) {
    super();
    const scope = (this.scope = checkOptions(options));
    const name = (this.databaseName = options.databaseName ?? `kaiku-outbox ${scope.key}`);
    store ??= options.store ?? createStrictStore(name, 'outbox');
    const now = options.now ?? Date.now;
    const records = recordStore(store, (r) => belongsTo(scope, r));
    const lock = createSyncLock(`kaiku-outbox-sync:${name}`, store, {
      owner: newIdempotencyKey(),
      forceLease: options.lock === 'indexeddb-lease',
      now,
    });
    const notices = new OutboxNotices(name, this, records);
    this.#p = {
      records,
      lock,
      notices,
      client: options.client,
      transport: options.transport ?? (options.client ? outboxTransport(options.client) : undefined),
      signal: this.#abort.signal,
      now,
      random: options.random ?? Math.random,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      batchSize: Math.max(1, Math.min(BATCH_MAX_ITEMS, options.batchSize ?? 50)),
      sendTimeoutMs: options.sendTimeoutMs ?? 5 * 60_000,
      paced: new Map(),
      undoing: new Set(),
      purge: () => this.purge(),
    };
    this.#retentionMs = Math.max(0, options.retentionMs ?? DAY_MS);
    this.#offlinePolicy = options.offlinePolicy ?? 'accept-provisionally';
    const cardTtlMs = options.cardCacheTtlMs ?? DAY_MS;
    this.#cards = cardCache(store, cardTtlMs, scope.key);
    this.#tallies = tallyStore(store, scope.key);
    this.#capabilities = {
      lock: lock.kind,
      idempotencyKey: detectKeySource(),
      persistence: 'unsupported',
      broadcast: notices.available ? 'broadcast-channel' : 'none',
      secureContext: typeof isSecureContext === 'boolean' ? isSecureContext : false,
    };
    const autoSync = options.autoSync ?? true;
    this.#scheduler = new SyncScheduler({
      attempt: () => attemptSync(this.#p),
      backoff: this.#p.backoff,
      random: this.#p.random,
      auto: autoSync,
      onScheduled: (retryInMs, outcome) =>
        outcome.kind === 'failed' && notices.sync('deferred', outcome.failure, { retryInMs }),
    });
    if (autoSync && typeof addEventListener === 'function') {
      const signal = this.#abort.signal;
      addEventListener('online', () => this.#scheduler.online(), { signal });
      // A page restored from the back/forward cache looks at once (its timers were paused meanwhile).
      addEventListener('pageshow', (e) => e.persisted && this.#scheduler.soon(), { signal });
    }
    // Retention by the clock too: a terminal open and online all day would keep card records past their TTL.
    const purgeEvery =
      options.purgeIntervalMs ??
      Math.min(15 * 60_000, Math.max(10_000, Math.min(this.#retentionMs, cardTtlMs)));
    this.#purgeTimer = setInterval(() => void this.purge().catch(() => undefined), purgeEvery);
    this.ready = this.#start(options.persist ?? true);
  }

  /** Which mechanisms are in use (Web Locks or a lease, randomUUID or getRandomValues, persisted storage). */
  get capabilities(): OutboxCapabilities {
    return this.#capabilities;
  }

  /** Last known counts (updated on every change in any tab; see `outbox-change`). */
  get counts(): OutboxCounts {
    return this.#p.notices.counts;
  }

  /**
   * Writes a usage durably and returns its record. Only when this resolves may the clerk be told the
   * usage is saved; on a storage failure it rejects with `storage-quota` / `storage-unavailable` /
   * `storage-failed` and nothing is claimed. Only the contract's usage fields are kept.
   */
  async enqueue(usage: OutboxUsage, options: { acceptance?: Acceptance } = {}): Promise<OutboxRecord> {
    if (this.#stopped) throw new OutboxError('outbox-stopped');
    const venue = (usage as { venueId?: unknown }).venueId;
    if (this.scope.venueId !== undefined && typeof venue === 'string' && venue !== this.scope.venueId)
      throw new OutboxError('target-mismatch', { params: { fields: 'venueId' } });
    const record = newRecord(usage, options.acceptance ?? 'online', this.#p.now(), this.scope);
    await this.#p.notices.guard(this.#p.records.put(record));
    this.#p.notices.queued(record);
    this.#scheduler.soon();
    return record;
  }

  /**
   * Takes over a usage recorded without an API (a register's, `Register.handOver`) under its own ID as idempotency
   * key; one this outbox already holds is left as it is, so a hand-over repeated after a crash sends nothing twice.
   */
  async adopt(record: Pick<OutboxRecord, 'id' | 'usage' | 'createdAt'>): Promise<void> {
    if (this.#stopped) throw new OutboxError('outbox-stopped');
    if (await this.#p.notices.guard(this.#p.records.get(record.id))) return;
    const fresh = newRecord(record.usage, 'provisional', record.createdAt, this.scope);
    await this.#p.notices.guard(this.#p.records.put({ ...fresh, id: record.id }));
    this.#p.notices.queued({ ...fresh, id: record.id });
    this.#scheduler.soon();
  }

  /**
   * Looks a card up, falling back to the card cache and the offline policy (see `CardCheck`); `forShow`: the answer
   * carries the card's booking for that show (online only: the cache keeps no booking).
   */
  async checkCard(cardId: string, options: LookupFor = {}): Promise<CardCheck> {
    if (this.#stopped) throw new OutboxError('outbox-stopped');
    const lookup = this.#p.client?.lookupCard?.bind(this.#p.client);
    if (!lookup) throw new TypeError('createOutbox: a client with lookupCard is needed for checkCard');
    return checkCardWithFallback<CardFacts>(
      cardId,
      {
        lookup,
        reachable: () => this.#scheduler.reachable(),
        cacheGet: (id) => this.#cards.get(id, this.#p.now()),
        cachePut: (card) => this.#cards.put(card, this.#p.now()),
        policy: this.#offlinePolicy,
      },
      options,
    );
  }

  /**
   * Open records per target in this outbox's store, this one's first: with the default one-database-per-target
   * naming only this target's; in a store shared on purpose (`databaseName`, `store`) the other targets' too,
   * which this outbox never sends.
   */
  async targetCounts(): Promise<TargetCounts[]> {
    return countByTarget(this.scope, await this.#p.notices.guard(this.#p.records.listAll()));
  }

  /** The usages waiting to be sent (this target's), oldest first. */
  pending(): Promise<OutboxRecord[]> {
    return this.#p.notices.guard(this.#p.records.list(['pending']));
  }

  /** How many usages wait to be sent (this target's). */
  async pendingCount(): Promise<number> {
    return (await this.pending()).length;
  }

  /**
   * The usages the server refused: staff resolve each with `resolve(id, how)` (`problem` says why).
   *
   * @example
   * for (const r of await outbox.needsAttention()) if (r.problem) show(localize(r.problem, 'fi'));
   */
  needsAttention(): Promise<OutboxRecord[]> {
    return this.#p.notices.guard(this.#p.records.list(['needs-attention']));
  }

  /**
   * The pending and needs-attention usages from one read: a sync landing meanwhile is counted once, not twice or never.
   */
  async openRecords(): Promise<{ pending: OutboxRecord[]; needsAttention: OutboxRecord[] }> {
    const open = await this.#p.notices.guard(this.#p.records.list(['pending', 'needs-attention']));
    const pending = open.filter((r) => r.state === 'pending');
    return { pending, needsAttention: open.filter((r) => r.state !== 'pending') };
  }

  /**
   * Closes a needs-attention record. `recorded-manually` and `dismissed` close it (kept for the retention
   * period, never sent). `retry` queues the usage again, and how depends on what the server said:
   *
   * - a refusal (card inactive, cap reached, …): under a **new** key. The server keeps its refusal under the
   *   old key and would replay it; a refused usage was not recorded, so the new key cannot make a duplicate.
   * - `idempotency-key-reused` (the server holds this key with another body: it may hold this very usage):
   *   first asks the server (`client.listUsages`) whether a usage is listed under this key (never by a timestamp).
   *   If one is, the record becomes `synced` and nothing is sent; if it does not, it is queued under a new
   *   key. When the server cannot be asked, it rejects with `retry-unverified` and the record stays.
   *
   * A `retry` of the same usage is paced as automatic retries are (the outbox's `backoff`): one coming sooner than
   * that after the last rejects with `retry-too-soon` (`params.retryInMs`) and sends nothing. After `stop()` it
   * rejects with `outbox-stopped`.
   *
   * Resolves to the record as it is now (for `retry`, the pending one, or the synced one).
   */
  async resolve(id: string, how: Resolution): Promise<OutboxRecord> {
    if (this.#stopped) throw new OutboxError('outbox-stopped');
    const changed = await resolveRecord(this.#p, id, how);
    if (!changed) throw new OutboxError('record-not-found', { params: { id } });
    this.#p.notices.resolved(id, how);
    await this.#p.notices.refresh();
    if (changed.state === 'pending') this.#scheduler.soon();
    return changed;
  }

  /**
   * Undoes a usage (docs/outbox.md, "Undo"), exactly once: deleted if no send of it ever started, else voided on the
   * server now or, unreachable, by the next sync (`void-queued`). Rejects with `record-not-found`, `record-tampered`
   * or the server's refusal (`void-window-closed`, …).
   */
  async voidUsage(id: string): Promise<VoidOutcome> {
    if (this.#stopped) throw new OutboxError('outbox-stopped');
    const done = await voidRecord(this.#p, id);
    await this.#p.notices.refresh();
    return done;
  }

  /**
   * Syncs now and reports the counts afterwards. A run already under way started before this call (it may be failing
   * on a network that has since come back): it is waited for, then a fresh attempt is made.
   */
  async syncNow(): Promise<SyncSummary> {
    const outcome = await this.#scheduler.runFresh();
    return {
      ...this.#p.notices.counts,
      outcome: outcome.kind,
      ...(outcome.kind === 'failed' ? { failure: outcome.failure } : {}),
    };
  }

  /** This terminal's tally for a show; `refresh` asks the server first (falls back to the last count offline). */
  async showTally(
    showId: string,
    options: { refresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<LocalTally> {
    const fetchTally = this.#p.client?.getShowTally?.bind(this.#p.client);
    if (options.refresh && fetchTally && !this.#stopped) {
      try {
        // The count is as old as the request: a usage settled while it was on its way may not be in it.
        const asked = this.#p.now();
        const tally = await fetchTally(showId, options.signal ? { signal: options.signal } : {});
        this.#scheduler.reachable();
        await this.#tallies.save(tally, asked);
      } catch {
        // Offline: the last known count plus the local records is the best estimate; `provisional` says so.
      }
    }
    const [server, records] = await this.#p.notices.guard(
      Promise.all([this.#tallies.load(showId), this.#p.records.list()]),
    );
    return combineTally(showId, server, records);
  }

  /** Pending and needs-attention usages as the official usage report (CSV), for the manual fallback. */
  async exportCsv(options: CsvOptions = {}): Promise<string> {
    return toUsageReportCsv(
      await this.#p.notices.guard(this.#p.records.list(['pending', 'needs-attention'])),
      options,
    );
  }

  /** Deletes this target's synced and resolved records older than the retention, and expired card records. */
  async purge(): Promise<number> {
    const cutoff = this.#p.now() - this.#retentionMs;
    const settled = await this.#p.notices.guard(this.#p.records.list(['synced', 'resolved']));
    const old = settled.filter((r) => (r.settledAt ?? 0) <= cutoff && (!r.voidRequestedAt || r.voidedAt)); // keeps unsettled voids
    if (old.length) await this.#p.notices.guard(this.#p.records.remove(old.map((r) => r.id)));
    await this.#cards.purge(this.#p.now()).catch(() => undefined);
    return old.length;
  }

  /**
   * Stops for good: timers, listeners, the channel, a sync or a retry check under way; afterwards nothing this
   * outbox does sends a request (`enqueue`, `resolve`, `checkCard` reject with `outbox-stopped`). Records stay on
   * disk for the next start.
   */
  stop(): void {
    this.#stopped = true;
    clearInterval(this.#purgeTimer);
    this.#scheduler.stop();
    this.#abort.abort();
    this.#p.notices.close();
  }

  async #start(persist: boolean): Promise<void> {
    // Never awaited: Firefox's persist() waits for the user's answer, and start-up must not wait for a person.
    if (persist) {
      this.#capabilities = { ...this.#capabilities, persistence: 'requested' };
      void requestPersistence().then((persistence) => {
        this.#capabilities = { ...this.#capabilities, persistence };
      });
    }
    try {
      await this.purge();
      await this.#p.notices.refresh();
    } catch {
      return; // already announced as outbox-error; enqueue will report it again
    }
    this.#scheduler.soon(); // never while stopped, nor without autoSync
  }
}

/**
 * Creates the outbox. The store is a defaulted last parameter, as in idb-keyval: by default an
 * IndexedDB database (`databaseName`, default one per target) whose transactions are strict-durable.
 *
 * @example
 * const outbox = createOutbox({ client: createApiClient({ baseUrl, getToken }) });
 * const record = await outbox.enqueue(usage); // on disk now: tell the clerk "saved"
 * outbox.addEventListener('outbox-needs-attention', (e) => alertStaff(e.detail.code));
 */
export function createOutbox(options: OutboxOptions, store?: UseStore): Outbox {
  return new Outbox(options, store);
}
