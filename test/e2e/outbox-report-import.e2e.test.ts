// The outbox's report imported on another terminal, then the outbox syncs the same usages: against the real
// sandbox (SQLite file), the real outbox (IndexedDB in Chromium) and the real import. The report carries each
// record's idempotency key, so whichever copy reaches Kaikukanta second is a replay: the server holds each usage
// exactly once, and the outbox ends with nothing pending and nothing needing attention. A key is bound to the
// API and venue its record was queued for: another Kaikukanta or another venue refuses the row, naming it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createApiClient } from '@kaiku-scanner/core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { importSalesReport } from '@kaiku-scanner/core/reports';
import { startFaultProxy } from '../support/fault-proxy.js';
import type { FaultProxy } from '../support/fault-proxy.js';
import { closeContexts, sharedChromium } from '../support/e2e-shared.js';
import { OUTBOX_CHROMIUM_ARGS } from '../support/outbox-launch.js';
import { startOutboxSandbox } from '../support/outbox-sandbox.js';
import type { OutboxSandbox } from '../support/outbox-sandbox.js';
import { startPageServer } from '../support/outbox-page-server.js';
import type { PageServer } from '../support/outbox-page-server.js';
import { callOutboxPage } from '../support/outbox-page-driver.js';

const VENUE = 'teatteri-hilla';
const TOKEN = 'chaos-test-token';
let sandbox: OutboxSandbox;
let other: OutboxSandbox;
let proxy: FaultProxy;
let pages: PageServer;
let browser: Browser;

const call = callOutboxPage;

const start = new Date(Date.now() + 7 * 86_400_000);
start.setUTCMinutes(0, 0, 0);

function usage(cardId: string, childTickets: number, showId: string): UsageRequest {
  return {
    venueId: VENUE,
    show: { id: showId, name: `Taikuri Matti ${showId}`, start: start.toISOString(), kind: 'show', cap: 10 },
    cardId,
    childTickets,
    channel: 'box-office',
    mode: 'booking',
    clientTime: new Date().toISOString(),
  };
}

/**
 * Every usage a server holds for this card around the show's day, whatever show ID it was filed under (asked of
 * the sandbox directly, not through the terminals' proxy).
 */
async function held(server: OutboxSandbox, cardId: string): Promise<number> {
  const client = createApiClient({ baseUrl: server.url, getToken: () => TOKEN });
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  let n = 0;
  for await (const u of client.iterateUsages({
    venueId: VENUE,
    from: day(start.getTime() - 86_400_000),
    to: day(start.getTime() + 86_400_000),
  }))
    if (u.cardId === cardId) n++;
  return n;
}

async function openOutbox(db: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${pages.url}?api=${encodeURIComponent(proxy.url)}&db=${db}&auto=off&timeout=1500`);
  await page.waitForFunction(() => 'outboxPage' in window);
  return page;
}

beforeAll(async () => {
  sandbox = await startOutboxSandbox();
  other = await startOutboxSandbox();
  proxy = await startFaultProxy({ target: sandbox.url, faultRate: 0 });
  pages = await startPageServer({
    entry: 'test/support/outbox-chaos-page.ts',
    title: 'outbox report import',
  });
  browser = await sharedChromium(OUTBOX_CHROMIUM_ARGS);
});

afterAll(async () => {
  await closeContexts(browser);
  await pages?.close();
  await proxy?.close();
  await other?.close();
  await sandbox?.close();
});

describe("the outbox's report imported elsewhere, then the outbox syncs (real sandbox)", () => {
  it('registers each usage exactly once, whichever copy arrives first', async () => {
    const page = await openOutbox('report-import');
    // Offline: the terminal queues two usages and exports its report (what a clerk takes to another terminal).
    await proxy.offline();
    const visit: UsageRequest = {
      ...usage('Y110029399', 0, 'import-first'),
      mode: 'collection',
      group: { memberCardIds: ['X000011656', 'A999005461'], under16Clients: 3 },
    };
    const [first] = await call(page, (p, u: UsageRequest[]) => p.enqueue(u, 'provisional'), [
      usage('A045198723', 2, 'import-first'),
      usage('A999005458', 0, 'import-first'),
      visit,
    ]);
    const csv = await call(page, (p) => p.exportCsv());
    const keyed = csv.includes(first!);
    await proxy.online();

    // Another terminal imports the report (same Kaikukanta): both usages are registered.
    const client = createApiClient({ baseUrl: proxy.url, getToken: () => TOKEN });
    const imported = await importSalesReport(csv, { venueId: VENUE, client });
    expect(imported.error).toBeUndefined();
    // Two single rows and the group visit's three rows (worker, two members): three usages.
    expect(imported.counts).toMatchObject({ registered: 5, refused: 0, invalid: 0, withoutKey: 0 });
    expect(await held(sandbox, 'A045198723')).toBe(1);
    expect(await held(sandbox, 'A999005458')).toBe(1);
    expect(await held(sandbox, 'Y110029399')).toBe(1);

    // Now the original terminal is back online and syncs its outbox: both are replays, nothing is added.
    const summary = await call(page, (p) => p.syncNow());
    expect(summary).toMatchObject({ outcome: 'done', pending: 0, needsAttention: 0 });
    expect(await call(page, (p) => p.counts())).toEqual({ pending: 0, needsAttention: 0 });
    expect(await held(sandbox, 'A045198723')).toBe(1);
    expect(await held(sandbox, 'A999005458')).toBe(1);
    expect(await held(sandbox, 'Y110029399')).toBe(1);
    // Filed under the outbox's own show ID, as the outbox sent it (not a report-derived one).
    expect(await sandbox.count('A045198723', 'import-first')).toBe(1);
    expect(await sandbox.count('Y110029399', 'import-first')).toBe(1);

    // The report imported once more (the clerk was unsure): every row is already registered.
    const again = await importSalesReport(csv, { venueId: VENUE, client });
    expect(again.counts).toMatchObject({ registered: 0, alreadyRegistered: 5 });
    expect(await held(sandbox, 'A045198723')).toBe(1);
    // The report carries the record's key (its ID).
    expect(keyed).toBe(true);
    await page.close();
  });

  it('the outbox syncs first, then the report is imported: the import finds them registered', async () => {
    const page = await openOutbox('sync-then-import');
    await proxy.offline();
    await call(page, (p, u: UsageRequest[]) => p.enqueue(u, 'provisional'), [
      usage('X000011986', 0, 'sync-then-import'),
    ]);
    const csv = await call(page, (p) => p.exportCsv());
    await proxy.online();
    expect(await call(page, (p) => p.syncNow())).toMatchObject({ outcome: 'done', pending: 0 });
    const client = createApiClient({ baseUrl: proxy.url, getToken: () => TOKEN });
    const imported = await importSalesReport(csv, { venueId: VENUE, client });
    expect(imported.counts).toMatchObject({ registered: 0, alreadyRegistered: 1, refused: 0, invalid: 0 });
    expect(await held(sandbox, 'X000011986')).toBe(1);
    await page.close();
  });

  it('never sends a usage queued for one API and venue to another', async () => {
    const page = await openOutbox('bound');
    await call(page, (p, u: UsageRequest[]) => p.enqueue(u, 'provisional'), [
      usage('A999005429', 1, 'bound-show'),
    ]);
    const csv = await call(page, (p) => p.exportCsv());

    // Another Kaikukanta (another sandbox): the row is refused, naming its target; nothing is registered there.
    const elsewhere = createApiClient({ baseUrl: other.url, getToken: () => TOKEN });
    const otherApi = await importSalesReport(csv, { venueId: VENUE, client: elsewhere });
    expect(otherApi.counts).toMatchObject({ registered: 0, invalid: 1 });
    expect(otherApi.invalid[0]!.errors.map((e) => [e.code, e.field, e.params['target']])).toEqual([
      ['row-key-target', 'details', 'api'],
    ]);
    expect(await held(other, 'A999005429')).toBe(0);

    // The same Kaikukanta but another venue: refused too.
    const client = createApiClient({ baseUrl: proxy.url, getToken: () => TOKEN });
    const otherVenue = await importSalesReport(csv, { venueId: 'kulttuuritalo', client });
    expect(otherVenue.invalid[0]!.errors.map((e) => [e.code, e.params['target']])).toEqual([
      ['row-key-target', 'venue'],
    ]);
    expect(await held(sandbox, 'A999005429')).toBe(0);

    // Its own target: registered once, and the outbox's sync is a replay.
    expect((await importSalesReport(csv, { venueId: VENUE, client })).counts.registered).toBe(1);
    expect(await call(page, (p) => p.syncNow())).toMatchObject({ outcome: 'done', needsAttention: 0 });
    expect(await held(sandbox, 'A999005429')).toBe(1);
    await page.close();
  });
});
