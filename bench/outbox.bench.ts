/**
 * The offline outbox in real Chromium against the local sandbox (its own process, SQLite file):
 * - write latency per usage, i.e. the time a clerk waits for "saved" (`enqueue` with strict durability),
 *   side by side with idb-keyval's plain `set` (Chromium's default relaxed durability), in a browser
 *   profile on disk;
 * - drain time for 1 000 queued usages, by batch size (1 = one request per usage, as a non-batching
 *   outbox would send them).
 * Run: npm run bench outbox
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { launchPersistentChromium } from '../test/support/outbox-launch.js';
import { startOutboxSandbox } from '../test/support/outbox-sandbox.js';
import { startPageServer } from '../test/support/outbox-page-server.js';
import type { OutboxPage } from '../test/support/outbox-chaos-page.js';

const WRITES = 300;
const DRAIN = 1_000;
const BATCHES = [100, 50, 10, 1];

type W = { outboxPage: OutboxPage };

function stats(samples: number[]): { median: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const sandbox = await startOutboxSandbox();
const pages = await startPageServer({ entry: 'test/support/outbox-chaos-page.ts', title: 'outbox bench' });
const profile = mkdtempSync(join(tmpdir(), 'kaiku-outbox-bench-profile-'));
const context = await launchPersistentChromium(profile);

try {
  const validUntil = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  const start = new Date(Date.now() + 10 * 86_400_000).toISOString();
  let serial = 0;
  const makeUsages = async (n: number): Promise<UsageRequest[]> => {
    const out: UsageRequest[] = [];
    for (let i = 0; i < n; i++) {
      const cardId = `A5${String(serial++).padStart(8, '0')}`;
      await sandbox.post('/__sandbox/cards', {
        id: cardId,
        prefix: 'A',
        kind: 'client',
        status: 'active',
        validUntil,
        minors: 2,
      });
      out.push({
        venueId: 'teatteri-hilla',
        show: { id: `bench-show-${i % 10}`, name: `Näytös ${i % 10}`, start, kind: 'show' },
        cardId,
        childTickets: i % 3,
        channel: 'box-office',
        mode: 'booking',
        clientTime: new Date().toISOString(),
      });
    }
    return out;
  };
  const open = async (db: string, batch: number): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(
      `${pages.url}?api=${encodeURIComponent(sandbox.url)}&db=${db}&batch=${batch}&auto=off&timeout=30000`,
    );
    await page.waitForFunction(() => 'outboxPage' in window, undefined, { timeout: 30_000 });
    return page;
  };

  // 1. Write latency (what the clerk waits for), strict outbox vs relaxed idb-keyval set, interleaved rounds.
  const writeUsages = await makeUsages(WRITES);
  const latencyPage = await open('bench-latency', 50);
  const strict: number[] = [];
  const relaxed: number[] = [];
  for (let round = 0; round < 3; round++) {
    const part = writeUsages.slice(round * 100, round * 100 + 100);
    strict.push(
      ...(await latencyPage.evaluate((u) => (window as unknown as W).outboxPage.timeEnqueues(u), part)),
    );
    relaxed.push(
      ...(await latencyPage.evaluate((u) => (window as unknown as W).outboxPage.timeRelaxedSets(u), part)),
    );
  }
  await latencyPage.close();
  const s = stats(strict);
  const r = stats(relaxed);
  console.log(`\nWrite latency per usage, ${WRITES} each, Chromium profile on disk (ms)`);
  console.table([
    {
      writer: 'outbox.enqueue (strict durability, validation, event)',
      median: s.median.toFixed(2),
      p95: s.p95.toFixed(2),
      mean: s.mean.toFixed(2),
    },
    {
      writer: 'idb-keyval set (relaxed, peer)',
      median: r.median.toFixed(2),
      p95: r.p95.toFixed(2),
      mean: r.mean.toFixed(2),
    },
  ]);
  console.log(`strict / relaxed median ratio: ${(s.median / r.median).toFixed(2)}×`);

  // 2. Drain 1 000 queued usages by batch size.
  const rows = [];
  for (const batch of BATCHES) {
    const usages = await makeUsages(DRAIN);
    const page = await open(`bench-drain-${batch}`, batch);
    await page.evaluate((u) => (window as unknown as W).outboxPage.enqueue(u), usages);
    const { ms, summary } = await page.evaluate(() => (window as unknown as W).outboxPage.timeSync());
    if (summary.pending !== 0 || summary.needsAttention !== 0)
      throw new Error(`drain incomplete: ${JSON.stringify(summary)}`);
    const sample = await Promise.all(usages.slice(0, 50).map((u) => sandbox.count(u.cardId, u.show.id)));
    if (sample.some((n) => n !== 1)) throw new Error('server counts differ from 1');
    rows.push({
      'batch size': batch,
      requests: Math.ceil(DRAIN / batch),
      'drain (s)': (ms / 1000).toFixed(2),
      'usages/s': Math.round(DRAIN / (ms / 1000)),
    });
    await page.close();
  }
  console.log(`\nDrain ${DRAIN} queued usages against the local sandbox (SQLite file), Chromium`);
  console.table(rows);
} finally {
  await context.close();
  await pages.close();
  await sandbox.close();
  rmSync(profile, { recursive: true, force: true });
}
