// Offline decisions and needs-attention against the real sandbox: a card seen online is decided from the
// cache while offline, an unseen one by the default policy; both usages are queued and exported as the
// usage report; back online the server registers one and refuses the other (inactive card), which
// becomes "needs attention" until staff resolve it; after the card is fixed, a retry registers it once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { startFaultProxy } from '../support/fault-proxy.js';
import type { FaultProxy } from '../support/fault-proxy.js';
import { closeContexts, sharedChromium } from '../support/e2e-shared.js';
import { OUTBOX_CHROMIUM_ARGS } from '../support/outbox-launch.js';
import { startOutboxSandbox } from '../support/outbox-sandbox.js';
import type { OutboxSandbox } from '../support/outbox-sandbox.js';
import { startPageServer } from '../support/outbox-page-server.js';
import type { PageServer } from '../support/outbox-page-server.js';
import { callOutboxPage } from '../support/outbox-page-driver.js';

let sandbox: OutboxSandbox;
let proxy: FaultProxy;
let pages: PageServer;
let browser: Browser;

const call = callOutboxPage;

const ACTIVE = 'A045198723';
const INACTIVE = 'A999005380';
const SHOW = {
  id: 'offline-show',
  name: '=Yönäytös, "ensi-ilta"',
  start: '',
  kind: 'show' as const,
  cap: 10,
};

function usage(cardId: string, childTickets: number, start: string): UsageRequest {
  return {
    venueId: 'teatteri-hilla',
    show: { ...SHOW, start },
    cardId,
    childTickets,
    channel: 'box-office',
    mode: 'booking',
    clientTime: new Date().toISOString(),
  };
}

beforeAll(async () => {
  sandbox = await startOutboxSandbox();
  proxy = await startFaultProxy({ target: sandbox.url, faultRate: 0 });
  pages = await startPageServer({ entry: 'test/support/outbox-chaos-page.ts', title: 'outbox offline' });
  browser = await sharedChromium(OUTBOX_CHROMIUM_ARGS);
});

afterAll(async () => {
  await closeContexts(browser);
  await pages?.close();
  await proxy?.close();
  await sandbox?.close();
});

describe('outbox offline decisions and needs attention (real sandbox)', () => {
  it('decides offline from the cache or the policy, exports, reconciles, and keeps a refusal for staff', async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.url}?api=${encodeURIComponent(proxy.url)}&db=offline&auto=off&timeout=1500`);
    await page.waitForFunction(() => 'outboxPage' in window);
    const start = new Date(Date.now() + 7 * 86_400_000).toISOString();

    const online = await call(page, (p, id: string) => p.checkCard(id), ACTIVE);
    expect(online).toMatchObject({
      ok: true,
      source: 'server',
      provisional: false,
      card: { minors: 2, status: 'active' },
    });

    await proxy.offline();
    const cached = await call(page, (p, id: string) => p.checkCard(id), ACTIVE);
    expect(cached).toMatchObject({
      ok: true,
      source: 'cache',
      provisional: true,
      failure: 'network',
      card: { minors: 2 },
    });
    const unseen = await call(page, (p, id: string) => p.checkCard(id), INACTIVE);
    expect(unseen).toMatchObject({ ok: true, source: 'format', provisional: true });

    const [activeId, inactiveId] = await call(page, (p, u: UsageRequest[]) => p.enqueue(u, 'provisional'), [
      usage(ACTIVE, 2, start),
      usage(INACTIVE, 0, start),
    ]);
    const offlineTally = await call(page, (p, id: string) => p.showTally(id), SHOW.id);
    expect(offlineTally).toMatchObject({
      localTickets: 4,
      localUsages: 2,
      provisional: true,
      server: undefined,
    });

    const csv = await call(page, (p) => p.exportCsv());
    const day = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki' }).format(new Date(start));
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(start));
    // The visible columns, then each record's key and (JSON) the request's details.
    const rows = csv.split('\r\n');
    expect(rows.map((l) => l.replace(/;[0-9a-f-]{36};"\{.*\}"$/, ''))).toEqual([
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti;Tarkistus;Lähetyksen tila;Syy;Kirjaustunniste;Kirjauksen tiedot',
      `${ACTIVE};1;2;"'=Yönäytös, ""ensi-ilta""";${day};${time};varaus;;alustava;odottaa;`,
      `${INACTIVE};1;0;"'=Yönäytös, ""ensi-ilta""";${day};${time};varaus;;alustava;odottaa;`,
      'Yhteensä;2;2;;;;;;;;;;',
      '',
    ]);
    expect(rows[1]).toContain(`;${activeId};"{`);
    expect(rows[2]).toContain(`;${inactiveId};"{`);

    await proxy.online();
    const summary = await call(page, (p) => p.syncNow());
    expect(summary).toMatchObject({ outcome: 'done', pending: 0, needsAttention: 1 });
    expect(await sandbox.count(ACTIVE, SHOW.id)).toBe(1);
    expect(await sandbox.count(INACTIVE, SHOW.id)).toBe(0);
    const attention = await call(page, (p) => p.needsAttention());
    expect(attention.map((r) => [r.id, r.acceptance, r.problem?.status])).toEqual([
      [inactiveId, 'provisional', 422],
    ]);
    expect(attention[0]?.problem?.code).toMatch(/inactive/);
    expect(activeId).toBeTruthy();

    // The server refused the inactive card's usage: it waits for staff but never counts against the cap (the
    // server's 3 tickets are the whole tally; before, the refusal kept a phantom ticket on the meter).
    const reconciled = await call(page, (p, id: string) => p.showTally(id), SHOW.id);
    expect(reconciled).toMatchObject({
      server: { ticketsGiven: 3, usages: 1, cap: 10 },
      localUsages: 0,
      localTickets: 0,
      ticketsGiven: 3,
      overCap: false,
    });

    // Staff fix the card in Kaikukanta and retry: registered once, under a new key.
    const validUntil = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
    await sandbox.post('/__sandbox/cards', {
      id: INACTIVE,
      prefix: 'A',
      kind: 'client',
      status: 'active',
      validUntil,
      minors: 0,
    });
    const retried = await call(page, (p, id: string) => p.resolve(id, 'retry'), inactiveId!);
    expect(retried.id).not.toBe(inactiveId);
    expect(await call(page, (p) => p.syncNow())).toMatchObject({
      outcome: 'done',
      pending: 0,
      needsAttention: 0,
    });
    expect(await call(page, (p) => p.syncNow())).toMatchObject({ outcome: 'done', pending: 0 });
    expect(await sandbox.count(INACTIVE, SHOW.id)).toBe(1);
    expect(await sandbox.count(ACTIVE, SHOW.id)).toBe(1);
    await page.close();
  });
});
