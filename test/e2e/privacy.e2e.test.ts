// Privacy end to end: the real sandbox (in this process, so its request log is captured), the demo box office
// (examples/, bundled by scripts/start.mjs, served with its strict CSP) and the machine's Chromium. A clerk scans a
// card with a wedge reader, registers it, types a second card by hand, and registers a third card while offline,
// which the outbox sends when the network returns. Everything the browser sent, logged and kept is recorded, then
// checked against the product's rule: nothing but the card ID about a holder, and the card ID only to the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '@kaiku-scanner/sandbox';
// @ts-expect-error plain .mjs without types
import { serveDemo } from '../../scripts/start.mjs';
import { wedgeScan } from '../support/element-harness.js';
import { generateCardVideo } from '../support/card-video/generate-card-video.js';
import { launchCameraBrowser } from '../support/card-video/launch-camera-browser.js';
import {
  dumpStorage,
  fieldPaths,
  readTaps,
  recordBodies,
  recordContext,
  tapPage,
  type RecordedRequest,
  type Recording,
  type StorageDump,
} from '../support/privacy-recorder.js';

/** Cards of the seeded sandbox: a wedge scan, a hand-typed one (typed in lower case), one registered offline. */
const WEDGE_CARD = 'A045198723';
const TYPED_CARD = 'A999005429';
const OFFLINE_CARD = 'A999005461';
/** Shown as a QR code to Chromium's fake camera (decoded in the worker, with the WebAssembly decoder). */
const CAMERA_CARD = 'A999005458';
const REGISTERED_CARDS = [WEDGE_CARD, TYPED_CARD, OFFLINE_CARD, CAMERA_CARD];
/** Refused at the counter: an inactive card, and one Kaikukanta does not know (a 404 from the API). */
const INACTIVE_CARD = 'A999005380';
const UNKNOWN_CARD = 'A999000001';
const CARDS = [...REGISTERED_CARDS, INACTIVE_CARD, UNKNOWN_CARD];
/** A token nobody else uses, so any trace of it is ours to find. */
const TOKEN = `privacy-${randomUUID()}`;
const DEMO_TOKEN = 'demo-token';

/** Every field the outbox and its card cache may keep (docs/privacy.md lists them). */
const ALLOWED_IDB_FIELDS = new Set([
  // outbox record
  'id',
  'state',
  'acceptance',
  'createdAt',
  'attempts',
  'settledAt',
  'problem',
  'problem.code',
  'problem.status',
  'resolution',
  // the server's ID of a synced usage (what an undo voids): an ID the registry gave, nothing about a holder
  'usageId',
  // the record's integrity seal (a keyed SHA-256 of the record's own fields: nothing more about a holder)
  'seal',
  // the API target a record belongs to (API origin + base path, and the venue): never anything about a holder
  'target',
  'target.api',
  'target.venueId',
  'usage',
  'usage.venueId',
  'usage.forVenueId',
  'usage.cardId',
  'usage.childTickets',
  'usage.channel',
  'usage.mode',
  'usage.clientTime',
  // the terminal's name (`terminal-name`: a place such as "Kassa 2", never a person)
  'usage.terminal',
  'usage.group',
  'usage.group.memberCardIds',
  'usage.group.under16Clients',
  'usage.show',
  'usage.show.id',
  'usage.show.name',
  'usage.show.start',
  'usage.show.kind',
  'usage.show.seats',
  'usage.show.cap',
  // card cache (offline decisions): the ID, status, last valid day, number of minors, when seen
  'status',
  'validUntil',
  'minors',
  'seenAt',
  // show tally cache (cap meter while offline): aggregate counts of a show, nothing per holder
  'showId',
  'cap',
  'ticketsGiven',
  'usages',
  'fetchedAt',
  // a card admitted twice at the show (a network split): this terminal's own usage key, the other terminal's name
  // and clock; never a card ID
  'conflicts',
  'conflicts.idempotencyKey',
  'conflicts.terminal',
  'conflicts.clientTime',
  // sync lease where Web Locks are missing (plain-http intranet pages): a random tab ID and an expiry
  'owner',
  'expiresAt',
]);

/** Field names that would be personal data about a holder (or a secret) if they ever appeared. */
const PERSONAL =
  /name|birth|^dob$|^age$|gender|address|phone|e?mail|ssn|hetu|henkil|person|holder|token|auth|bearer/i;

const part = (p: string): string => `kaiku-scanner [part~="${p}"]`;

let browser: Browser;
let sandbox: Sandbox;
let web: { url: string; close(): Promise<void> };
let apiOrigin: string;
let pageOrigin: string;
const serverLog: string[] = [];
const dirs: string[] = [];

let rec: Recording;
/** The same requests seen through the DevTools protocol, with the bodies Playwright cannot show. */
let wire: RecordedRequest[] = [];
let store: StorageDump;
let finalUrl: string;
let taps: { broadcast: string[]; beacons: string[] };
let registered: number[] = [];

async function usageCount(cardId: string): Promise<number> {
  const res = await fetch(
    `${sandbox.url}__sandbox/usages/count?cardId=${cardId}&showId=hilla-taikuri-matti`,
    {
      headers: { authorization: 'Bearer test-support' },
    },
  );
  return ((await res.json()) as { count: number }).count;
}

/** Waits until the element's outbox count (`data-pending`) reads `count`. */
async function waitPending(page: Page, count: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (c) =>
      document
        .querySelector('kaiku-scanner')
        ?.shadowRoot?.querySelector('[data-pending]')
        ?.getAttribute('data-pending') === c,
    count,
    { timeout },
  );
}

/** One clerk session: wedge scan + register, typed entry + register, offline register + sync. */
async function clerkSession(): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  rec = recordContext(context);
  await tapPage(context);
  const page = await context.newPage();
  wire = await recordBodies(await context.newCDPSession(page));
  await page.goto(`${web.url}/box-office/?show=hilla-taikuri-matti&lang=en`);
  await page.waitForFunction(() => {
    const el = document.querySelector('kaiku-scanner');
    return !!el?.shadowRoot && el.baseUrl !== '';
  });
  // The host page's token provider: the element must keep what it returns in memory only.
  await page.evaluate((t) => {
    const el = document.querySelector('kaiku-scanner');
    if (el) el.tokenProvider = () => t;
  }, TOKEN);
  await page.locator(part('cap-meter')).waitFor();
  const cdp = await context.newCDPSession(page);

  // 1. Wedge scan → look-up → register (two children: the card has two minors).
  await wedgeScan(cdp, WEDGE_CARD);
  await page.locator(part('card-panel')).waitFor();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.locator(`${part('result')}[data-outcome="registered"]`).waitFor();

  // 2. Manual entry, typed in lower case → normalised → register.
  await page.keyboard.press('Escape'); // from the result back to the ready screen
  await page.locator('kaiku-scanner #manual').waitFor();
  await page.locator('kaiku-scanner #manual').focus();
  await page.keyboard.type(TYPED_CARD.toLowerCase(), { delay: 90 });
  await page.keyboard.press('Enter');
  await page.locator(part('card-panel')).waitFor();
  await page.keyboard.press('Enter');
  await page.locator(part('result')).waitFor();

  // 3. Look the third card up online (cached for offline decisions), then register it offline and sync.
  await wedgeScan(cdp, OFFLINE_CARD);
  await page.locator(part('tickets')).waitFor();
  await page.keyboard.press('Escape');
  await context.setOffline(true);
  await wedgeScan(cdp, OFFLINE_CARD);
  await page.locator(part('tickets')).waitFor();
  await page.keyboard.press('Enter');
  await page.locator(part('queued-badge')).waitFor({ timeout: 30_000 });
  await waitPending(page, '1');
  await context.setOffline(false);
  await waitPending(page, '0');

  // 4. Refusals: an inactive card, then a card Kaikukanta does not know. Errors must not spill the ID either.
  await page.keyboard.press('Escape');
  await wedgeScan(cdp, INACTIVE_CARD);
  await page.locator(`${part('refusal')} li[data-code="card-inactive"]`).waitFor();
  await page.keyboard.press('Escape');
  await wedgeScan(cdp, UNKNOWN_CARD);
  await page.locator(`${part('error')}[data-code="card-not-registered"]`).waitFor();

  // 5. Camera: the QR card in front of the fake capture device, decoded in the worker, then registered.
  await page.keyboard.press('Escape');
  await page.locator(part('camera-button')).focus();
  await page.keyboard.press('Enter');
  await page.locator(part('card-panel')).waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await page.locator(`${part('result')}[data-outcome="registered"]`).waitFor();

  registered = await Promise.all(CARDS.map((c) => usageCount(c)));
  store = await dumpStorage(page);
  finalUrl = page.url();
  taps = await readTaps(page);
  if (process.env.PRIVACY_DUMP)
    (await import('node:fs')).writeFileSync(
      process.env.PRIVACY_DUMP,
      JSON.stringify({ rec, wire, store, serverLog }, null, 1),
    );
  await context.close();
}

beforeAll(async () => {
  const dbDir = mkdtempSync(path.join(tmpdir(), 'kaiku-privacy-'));
  dirs.push(dbDir);
  sandbox = await startSandbox({
    port: 0,
    db: path.join(dbDir, 'privacy.db'),
    seed: true,
    testing: true,
    logger: (line) => serverLog.push(line),
  });
  web = (await serveDemo({ port: 0, apiUrl: sandbox.url, outdir: inject('demoDir') })) as typeof web;
  apiOrigin = new URL(sandbox.url).origin;
  pageOrigin = new URL(web.url).origin;
  const video = generateCardVideo({ symbol: 'qr_code', text: CAMERA_CARD });
  browser = await launchCameraBrowser({ video });
  await clerkSession();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await sandbox?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Card IDs as they could appear anywhere: upper and lower case, and percent-encoded in a URL. */
function mentionsCard(text: string): string[] {
  const t = text.toUpperCase();
  return CARDS.filter((c) => t.includes(c));
}

describe('privacy of a clerk session (wedge, typed, offline + sync)', () => {
  it('the session really happened: four usages in the sandbox, two refusals, API calls recorded', () => {
    expect(registered).toEqual([1, 1, 1, 1, 0, 0]);
    // Look-ups carry the card ID in the body of a POST (never in the URL).
    const lookups = wire.filter((r) => r.method === 'POST' && r.url === `${apiOrigin}/v1/cards/lookup`);
    for (const card of [UNKNOWN_CARD, WEDGE_CARD])
      expect(lookups.some((r) => r.body.includes(card))).toBe(true);
    // Bodies of the usage posts, read back from the network layer: the card IDs go to the API.
    const posts = wire.filter((r) => r.method === 'POST' && r.url.startsWith(`${apiOrigin}/v1/usages`));
    for (const card of REGISTERED_CARDS) expect(posts.some((r) => r.body.includes(card))).toBe(true);
    expect(wire.length).toBeGreaterThanOrEqual(rec.requests.length);
  });

  it('requests go only to the page origin and the configured API origin', () => {
    const origins = new Set([...rec.requests, ...wire].map((r) => new URL(r.url).origin));
    origins.delete('null'); // data: URLs (the page's icon) never leave the browser
    expect([...origins].sort()).toEqual([apiOrigin, pageOrigin].sort());
    expect(rec.websockets).toEqual([]);
    // The camera's decoder ran in a worker whose requests are recorded too: the WebAssembly file came from the
    // page's origin, not from zxing-wasm's default CDN.
    expect(rec.workers.some((w) => w.startsWith(`${pageOrigin}/`))).toBe(true);
    expect(rec.requests.some((r) => r.url.startsWith(pageOrigin) && r.url.endsWith('.wasm'))).toBe(true);
  });

  it('card IDs leave the browser only to the API origin, in a body, never in a URL or a header', () => {
    const leaks = [...rec.requests, ...wire]
      .filter((r) => !r.url.startsWith(`${apiOrigin}/`))
      .filter((r) => mentionsCard(decodeURIComponent(r.url) + r.body + JSON.stringify(r.headers)).length)
      .map((r) => `${r.method} ${r.url}`);
    expect(leaks).toEqual([]);
    const inQueryOrHeaders = [...rec.requests, ...wire]
      .filter((r) => mentionsCard(decodeURIComponent(r.url) + JSON.stringify(r.headers)).length)
      .map((r) => `${r.method} ${r.url}`);
    expect(inQueryOrHeaders).toEqual([]);
    expect(mentionsCard(finalUrl)).toEqual([]);
  });

  it('the bearer token goes only in the Authorization header to the API, never in a URL or body', () => {
    const api = rec.requests.filter((r) => r.url.startsWith(`${apiOrigin}/v1/`));
    expect(api.length).toBeGreaterThan(3);
    const scanRequests = api.filter((r) => r.method === 'POST');
    expect(scanRequests.length).toBeGreaterThan(0);
    for (const r of scanRequests) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    for (const r of [...rec.requests, ...wire]) {
      expect(r.url).not.toContain(TOKEN);
      expect(r.body).not.toContain(TOKEN);
      if (!r.url.startsWith(`${apiOrigin}/`)) expect(JSON.stringify(r.headers)).not.toContain(TOKEN);
    }
  });

  it('nothing of a card ID or the token reaches the console or an error message', () => {
    const text = [...rec.console.map((m) => `${m.type}: ${m.text}`), ...rec.errors].join('\n');
    expect(mentionsCard(text)).toEqual([]);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(DEMO_TOKEN);
    expect(rec.errors).toEqual([]);
    // Chromium itself reports a failed load (requests while offline, the 404 of an unknown card) with the request's
    // URL as the message's source location; no URL holds a card ID, so no message points at a card.
    expect(rec.console.filter((m) => mentionsCard(m.location).length)).toEqual([]);
    // Nothing but the browser's own network notices: the SDK and the element never write to the console.
    expect(rec.console.filter((m) => !m.text.startsWith('Failed to load resource'))).toEqual([]);
  });

  it('other tabs hear counts and record IDs only; no beacon is ever sent', () => {
    expect(taps.broadcast.length).toBeGreaterThan(0);
    expect(mentionsCard(taps.broadcast.join('\n'))).toEqual([]);
    expect(taps.broadcast.join('\n')).not.toContain(TOKEN);
    expect(taps.beacons).toEqual([]);
  });

  it('web storage, cookies and Cache Storage hold no token, and card IDs only in today’s shift: the count of waiting usages, the shift', () => {
    const keys = Object.keys(store.localStorage);
    expect(keys.some((k) => k.startsWith('kaiku-scanner:shift '))).toBe(true);
    for (const [key, value] of Object.entries(store.localStorage)) {
      expect(key).toMatch(/^kaiku-(pending|lost):kaiku-outbox |^kaiku-scanner:shift \["https?:/);
      if (key.startsWith('kaiku-scanner:shift ')) {
        // The shift's report needs whole card IDs (docs/privacy.md): the fields of a usage, nothing else.
        const fields = new Set((JSON.parse(value) as object[]).flatMap((u) => Object.keys(u)));
        const allowed = [
          'id',
          'at',
          'mode',
          'show',
          'childTickets',
          'group',
          'state',
          'cardId',
          'local',
          'overCap',
        ];
        expect([...fields].filter((f) => !allowed.includes(f))).toEqual([]);
        continue;
      }
      expect(value).toMatch(/^\d+$/);
      expect(mentionsCard(key + value)).toEqual([]);
      expect(value).not.toContain(TOKEN);
    }
    expect(store.sessionStorage).toEqual({});
    expect(store.cookies).toEqual([]);
    expect(store.cacheNames).toEqual([]);
    expect(store.serviceWorkers).toBe(0);
  });

  it('IndexedDB holds the outbox and card cache with allowed fields only, and never the token', () => {
    const rows = store.indexedDb;
    expect(rows.length).toBeGreaterThan(0);
    const all = JSON.stringify(rows);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(DEMO_TOKEN);
    // The offline usage is (or was) there: the outbox keeps the card ID it has to send.
    expect(all).toContain(OFFLINE_CARD);
    const fields = new Set(rows.flatMap((r) => fieldPaths(r.value)));
    const unexpected = [...fields].filter((f) => !ALLOWED_IDB_FIELDS.has(f)).sort();
    expect(unexpected).toEqual([]);
    const personal = [...fields].filter((f) => PERSONAL.test(f.split('.').pop() ?? ''));
    // `usage.show.name` is the show's title, not a person's name: the only allowed match.
    expect(personal).toEqual(['usage.show.name']);
    // Keys are record IDs, `c:<API target> <venue>|<card ID>` cache entries, `t:<API target> <venue>|<show ID>`
    // tallies or the storage check's start marker (`kaiku-outbox <API> <venue>`): no other personal data in key names.
    const target = String.raw`https?://[\w.:[\]/-]+ [\w-]+\|`;
    const marker = String.raw`kaiku-outbox https?://[\w.:[\]/-]+ [\w-]+`;
    const key = new RegExp(String.raw`^"(c:(${target})?[A-Z]{1,2}\d+|t:${target}[\w-]+|${marker}|[\w:-]+)"$`);
    for (const r of rows) expect(r.key).toMatch(key);
  });

  it("the sandbox's request log covers the session and never holds a full card ID or the token", () => {
    const log = serverLog.join('\n');
    expect(log).toContain('POST /v1/cards/lookup');
    expect(log).toContain('POST /v1/usages');
    expect(mentionsCard(log)).toEqual([]);
    expect(log).not.toMatch(/[A-Za-z]{1,2}\d{7,}/);
    expect(log).not.toContain(TOKEN);
  });
});
