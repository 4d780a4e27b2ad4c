// What networks between a box office and Kaikukanta really do, end to end: real Chromium, the real
// sandbox (SQLite file) and the fault proxy playing a captive portal (200 HTML, HTML labelled JSON), a
// misrouting or failing proxy (HTML 404/502), an auth gateway (401), connections reset after the body
// was sent, Retry-After dates in the past and in the year 9999, and answers rewritten after the server
// committed (empty, wrong shape, batch results reversed or cut short). Every usage must reach the
// server exactly once, only the one the server refuses may land in "needs attention", and no fault may
// make the outbox hammer the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { chaosSeed, NETWORK_FAULTS, seededRandom, startFaultProxy } from '../support/fault-proxy.js';
import type { FaultProxy } from '../support/fault-proxy.js';
import { closeContexts, sharedChromium } from '../support/e2e-shared.js';
import { OUTBOX_CHROMIUM_ARGS } from '../support/outbox-launch.js';
import { startOutboxSandbox } from '../support/outbox-sandbox.js';
import type { OutboxSandbox } from '../support/outbox-sandbox.js';
import { startPageServer } from '../support/outbox-page-server.js';
import type { PageServer } from '../support/outbox-page-server.js';
import { outboxPageOf } from '../support/outbox-page-driver.js';

const INACTIVE = 'A999005380';
const SEED = chaosSeed();
let sandbox: OutboxSandbox;
let pages: PageServer;
let browser: Browser;

const on = outboxPageOf;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Requests (not CORS preflights) that reached the proxy (every fault and every pass). */
const usageRequests = (proxy: FaultProxy): number =>
  Object.entries(proxy.stats)
    .filter(([k]) => !['client-gone', 'offline-periods', 'preflight'].includes(k))
    .reduce((sum, [, n]) => sum + n, 0);

async function addCards(prefix: string, n: number): Promise<string[]> {
  const validUntil = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, '0')}`);
  for (const id of ids) {
    await sandbox.post('/__sandbox/cards', {
      id,
      prefix: 'A',
      kind: 'client',
      status: 'active',
      validUntil,
      minors: 2,
    });
  }
  return ids;
}

function usageOf(cardId: string, i: number, showId: string): UsageRequest {
  return {
    venueId: 'teatteri-hilla',
    show: {
      id: showId,
      name: `Verkkonäytös ${i % 4}`,
      start: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      kind: 'show',
    },
    cardId,
    childTickets: i % 3,
    channel: 'box-office',
    mode: 'booking',
    clientTime: new Date().toISOString(),
  };
}

async function openPage(proxy: FaultProxy, db: string, extra = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${pages.url}?api=${encodeURIComponent(proxy.url)}&db=${db}&timeout=1500${extra}`);
  await page.waitForFunction(() => 'outboxPage' in window, undefined, { timeout: 20_000 });
  return page;
}

beforeAll(async () => {
  sandbox = await startOutboxSandbox();
  pages = await startPageServer({ entry: 'test/support/outbox-chaos-page.ts', title: 'outbox network' });
  browser = await sharedChromium(OUTBOX_CHROMIUM_ARGS);
});

afterAll(async () => {
  await closeContexts(browser);
  await pages?.close();
  await sandbox?.close();
});

describe('outbox through portals, proxies and rewritten answers (real sandbox)', () => {
  it(`every usage exactly once, only the refused one for staff (seed ${SEED})`, async () => {
    const faults = NETWORK_FAULTS.filter((f) => f !== 'retry-after-far');
    const proxy = await startFaultProxy({
      target: sandbox.url,
      faults,
      faultRate: 0.4,
      random: seededRandom(SEED),
      firstFaults: faults,
    });
    const page = await openPage(proxy, 'network', '&batch=8&backoff=100');
    try {
      const cards = await addCards('A5', 96);
      const usages = cards.map((id, i) => usageOf(id, i, `net-show-${i % 4}`));
      // One usage the server refuses (a seeded inactive card), amid the others: a reordered or short
      // batch answer must pin the refusal on it, never on a neighbour.
      const refused = usageOf(INACTIVE, 0, 'net-show-0');
      usages.splice(45, 0, refused);
      for (let i = 0; i < usages.length; i += 12) {
        await on(page).enqueue(usages.slice(i, i + 12)); // durably queued: from here on it must arrive
        await sleep(100);
      }
      proxy.setFaultRate(0.15);
      const deadline = Date.now() + 60_000;
      let counts = { pending: -1, needsAttention: 0 };
      while (Date.now() < deadline) {
        await on(page)
          .syncNow()
          .catch(() => undefined);
        counts = await on(page).counts();
        if (counts.pending === 0) break;
        await sleep(200);
      }
      const accepted = usages.filter((u) => u !== refused);
      const perUsage = await Promise.all(accepted.map((u) => sandbox.count(u.cardId, u.show.id)));
      const lost = perUsage.filter((n) => n === 0).length;
      const duplicated = perUsage.filter((n) => n > 1).length;
      const log = await on(page).log();
      process.stdout.write(
        `outbox network: ${JSON.stringify({ seed: SEED, proxy: proxy.stats, failures: log.failures, lost, duplicated })}\n`,
      );
      expect(counts).toEqual({ pending: 0, needsAttention: 1 });
      expect(await on(page).attention()).toEqual(['card-inactive']);
      expect(await sandbox.count(INACTIVE, 'net-show-0')).toBe(0);
      expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
      for (const fault of faults) expect(proxy.stats[fault] ?? 0, fault).toBeGreaterThan(0);
      // The outbox saw them as what they are (codes the host can show in fi/sv/en).
      const known = ['content-type', 'malformed-json', 'http-404', 'http-502', 'http-401', 'http-429'];
      known.push('schema', 'network', 'timeout', 'truncated', 'rate-limited', 'deferred');
      expect(Object.keys(log.failures).filter((code) => !known.includes(code))).toEqual([]);
      expect(log.failures['content-type'] ?? 0).toBeGreaterThan(0);
      expect(log.failures.schema ?? 0).toBeGreaterThan(0);
      // 12 batches of 8 at least; every fault costs a retry, but nothing loops: a generous bound.
      expect(usageRequests(proxy)).toBeLessThan(200);
    } finally {
      await page.close();
      await proxy.close();
    }
  });

  it('a Retry-After in the year 9999 parks the outbox (one request, not a loop); a manual sync goes through once', async () => {
    const proxy = await startFaultProxy({
      target: sandbox.url,
      faultRate: 0,
      firstFaults: ['retry-after-far'],
    });
    const page = await openPage(proxy, 'far');
    try {
      const [card] = await addCards('A4', 1);
      await on(page).enqueue([usageOf(card!, 0, 'far-show')]);
      // The window for a loop starts at the first 503 (its deferred run), not at the enqueue: a slow machine may
      // take a while to send that first request.
      await expect
        .poll(async () => (await on(page).log()).deferred, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(1);
      await sleep(2_500);
      expect(usageRequests(proxy)).toBe(1);
      expect(await on(page).counts()).toEqual({ pending: 1, needsAttention: 0 });
      expect((await on(page).log()).failures).toEqual({ 'http-503': 1 });
      expect(await on(page).syncNow()).toMatchObject({ outcome: 'done', pending: 0 });
      expect(await sandbox.count(card!, 'far-show')).toBe(1);
    } finally {
      await page.close();
      await proxy.close();
    }
  });

  it('a flapping "online" while the network is dead does not hammer the server', async () => {
    const proxy = await startFaultProxy({
      target: sandbox.url,
      faults: ['reset-before-commit'],
      faultRate: 1,
    });
    const page = await openPage(proxy, 'flap', '&backoff=5000');
    try {
      const [card] = await addCards('A3', 1);
      await on(page).enqueue([usageOf(card!, 0, 'flap-show')]);
      // The run the enqueue started meets the dead network and is deferred (a 5 s backoff): wait for that event,
      // not for a time, so a slow machine cannot count it as part of the burst.
      const deferred = async () => (await on(page).log()).deferred;
      await expect.poll(deferred, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
      const before = usageRequests(proxy);
      const runsBefore = await deferred();
      await page.evaluate(async () => {
        for (let i = 0; i < 30; i++) {
          dispatchEvent(new Event('online'));
          await new Promise((r) => setTimeout(r, 30));
        }
      });
      // The burst's first event syncs at once; wait until that run is deferred too. The others only leave one run
      // for the end of the 5 s cooldown, and the backoff is 5 s: never one run per event.
      // (Chromium itself may resend a request once on a reset keep-alive socket: hence 2× at the proxy.)
      await expect
        .poll(async () => (await deferred()) - runsBefore, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(1);
      const runs = (await deferred()) - runsBefore;
      expect(runs).toBeGreaterThanOrEqual(1);
      expect(runs).toBeLessThanOrEqual(3);
      expect(usageRequests(proxy) - before).toBeLessThanOrEqual(6);
      proxy.setFaultRate(0);
      expect(await on(page).syncNow()).toMatchObject({ outcome: 'done', pending: 0 });
      expect(await sandbox.count(card!, 'flap-show')).toBe(1);
    } finally {
      await page.close();
      await proxy.close();
    }
  });
});
