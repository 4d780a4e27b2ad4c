/**
 * The page the outbox chaos test and bench drive: one outbox on the real API client, exposed as
 * `window.outboxPage`. Settings come from the query string (`api`, `db`, `lock`, `batch`, `timeout`).
 */
import { createStore, set } from 'idb-keyval';
import { createApiClient } from '@kaiku-scanner/core';
import {
  createOutbox,
  type CardCheck,
  type LocalTally,
  type SyncSummary,
  type TargetCounts,
} from '@kaiku-scanner/core/outbox';
import type { OutboxRecord } from '@kaiku-scanner/core';
import type { Acceptance, Resolution } from '@kaiku-scanner/core/outbox';
import type { UsageRequest } from '@kaiku-scanner/core/contract';

const params = new URL(location.href).searchParams;
const client = createApiClient({
  baseUrl: params.get('api') ?? 'http://127.0.0.1:8787/',
  getToken: () => 'chaos-test-token',
  timeoutMs: Number(params.get('timeout') ?? 1500),
  retry: 0, // the outbox's own backoff is under test
});
const outbox = createOutbox({
  client,
  // `db` names the database (several targets may share it); without it, the default one per target.
  ...(params.get('db') ? { databaseName: params.get('db')! } : {}),
  batchSize: Number(params.get('batch') ?? 25),
  // `backoff` is the first delay; the cap is 2 s, or the first delay when a test asks for a longer one.
  backoff: {
    baseMs: Number(params.get('backoff') ?? 200),
    maxMs: Math.max(2_000, Number(params.get('backoff') ?? 0)),
  },
  lock: params.get('lock') === 'lease' ? 'indexeddb-lease' : 'auto',
  autoSync: params.get('auto') !== 'off',
});

const log = { synced: 0, deferred: 0, busy: 0, remote: 0, failures: {} as Record<string, number> };
outbox.addEventListener('outbox-usage-synced', (e) => void (log.synced += e.detail.ids.length));
outbox.addEventListener('outbox-sync', (e) => {
  if (e.detail.remote) log.remote++;
  if (e.detail.phase === 'busy') log.busy++;
  if (e.detail.phase === 'deferred') {
    log.deferred++;
    const f = e.detail.failure ?? 'unknown';
    log.failures[f] = (log.failures[f] ?? 0) + 1;
  }
});

export type OutboxPage = {
  enqueue(usages: readonly UsageRequest[], acceptance?: Acceptance): Promise<string[]>;
  checkCard(cardId: string): Promise<CardCheck>;
  resolve(id: string, how: Resolution): Promise<OutboxRecord>;
  showTally(showId: string): Promise<LocalTally>;
  exportCsv(): Promise<string>;
  /** Time (ms) each enqueue took until durable, one after another. */
  timeEnqueues(usages: readonly UsageRequest[]): Promise<number[]>;
  /** Peer for the bench: idb-keyval's plain `set` (Chromium's default, relaxed durability), same records. */
  timeRelaxedSets(usages: readonly UsageRequest[]): Promise<number[]>;
  /** Runs `syncNow()` and returns how long it took (ms) with its summary. */
  timeSync(): Promise<{ ms: number; summary: SyncSummary }>;
  counts(): Promise<{ pending: number; needsAttention: number }>;
  needsAttention(): Promise<OutboxRecord[]>;
  targetCounts(): Promise<TargetCounts[]>;
  syncNow(): Promise<SyncSummary>;
  capabilities: typeof outbox.capabilities;
  log: typeof log;
};

const page: OutboxPage = {
  async enqueue(usages, acceptance = 'online') {
    const ids: string[] = [];
    for (const u of usages) ids.push((await outbox.enqueue(u, { acceptance })).id);
    return ids;
  },
  checkCard: (cardId) => outbox.checkCard(cardId),
  resolve: (id, how) => outbox.resolve(id, how),
  showTally: (showId) => outbox.showTally(showId, { refresh: true }),
  exportCsv: () => outbox.exportCsv({ bom: false }),
  async timeEnqueues(usages) {
    const times: number[] = [];
    for (const u of usages) {
      const t0 = performance.now();
      await outbox.enqueue(u);
      times.push(performance.now() - t0);
    }
    return times;
  },
  async timeRelaxedSets(usages) {
    const store = createStore(`${params.get('db') ?? 'kaiku-outbox'}-relaxed`, 'records');
    const times: number[] = [];
    for (const [i, u] of usages.entries()) {
      const t0 = performance.now();
      await set(`u:${i}`, { id: String(i), usage: u, state: 'pending' }, store);
      times.push(performance.now() - t0);
    }
    return times;
  },
  async timeSync() {
    const t0 = performance.now();
    const summary = await outbox.syncNow();
    return { ms: performance.now() - t0, summary };
  },
  async counts() {
    const [pending, attention] = await Promise.all([outbox.pending(), outbox.needsAttention()]);
    return { pending: pending.length, needsAttention: attention.length };
  },
  needsAttention: () => outbox.needsAttention(),
  targetCounts: () => outbox.targetCounts(),
  syncNow: () => outbox.syncNow(),
  get capabilities() {
    return outbox.capabilities;
  },
  log,
};
await outbox.ready;
(window as unknown as { outboxPage: OutboxPage }).outboxPage = page;
