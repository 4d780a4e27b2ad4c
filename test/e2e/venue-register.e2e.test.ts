// Several terminals, one venue, no API (issue 63), end to end in Chromium: three terminals (three browser contexts,
// the demo box office with registry="venue") record into the venue register's own process (`kaiku-sandbox
// venue-register`, a SQLite file). A card sold at Kassa 1 is refused at Kassa 2 naming Kassa 1; the register is
// killed mid-shift and started again, and the usage Kassa 1 queued meanwhile arrives once; the door (Ovi) is cut off,
// sells a card Kassa 2 then sells too, and on coming back its usage is refused as already used and listed as needing
// attention, "admitted twice"; Kassa 2 is told too (its next tally), and the file for the import marks the one row.
// At the end every usage is read back from the register: each one once, none doubled.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiClient } from '../../packages/core/src/api/create-api-client.js';
import type { UsageRecord } from '../../packages/core/src/contract.js';
import { exportUsageReport } from '../../packages/core/src/reports/export-usage-report.js';
// @ts-expect-error plain .mjs without types
import { serveDemo, startVenueRegisterProcess } from '../../scripts/start.mjs';
import { openBoxOffice, part, useHarness, wedgeScan, type ScannerPage } from '../support/element-harness.js';

const harness = useHarness();
const SHOW = 'hilla-taikuri-matti';
const NAMES = ['Kassa 1', 'Kassa 2', 'Ovi'];
let dir: string;
let db: string;
type Register = { url: string; tokens: Record<string, string>; child: ChildProcess; close(): Promise<void> };
let register: Register;
let tokens: Record<string, string>;
let web: { url: string; close(): Promise<void> };

/** The venue register (as `npm start` runs it) on `port` (0: a free one) with the database file of this test. */
const startRegister = (port = 0): Promise<Register> => startVenueRegisterProcess({ port, db });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kaiku-venue-e2e-'));
  db = path.join(dir, 'venue.sqlite');
  register = await startRegister();
  tokens = register.tokens;
  expect(Object.keys(tokens)).toEqual(NAMES);
  const venueRegister = { url: register.url, tokens };
  web = await serveDemo({ port: 0, apiUrl: harness().apiUrl, venueRegister, outdir: inject('demoDir') });
}, 120_000);
afterAll(async () => {
  await web?.close();
  await register?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function terminal(name: string): Promise<ScannerPage> {
  const at = `/box-office/?show=${SHOW}&registry=venue&terminal=${encodeURIComponent(name)}`;
  return openBoxOffice({ ...harness(), webUrl: web.url }, { lang: 'en', path: at });
}

/** The clerk reads `card` with the reader and confirms; the outcome the result says (registered, queued, …). */
async function sell(s: ScannerPage, card: string): Promise<string | null> {
  await s.page.evaluate(() => document.querySelector('kaiku-scanner')!.reset());
  await s.page.locator('kaiku-scanner #manual').waitFor();
  await wedgeScan(s.cdp, card);
  await s.page.locator(part('tickets')).waitFor();
  await s.page.keyboard.press('Enter');
  const result = s.page.locator(`${part('result')}, ${part('refusal')}`).first();
  await result.waitFor({ timeout: 60_000 });
  return (await s.page.locator(part('result')).count()) > 0
    ? s.page.locator(part('result')).getAttribute('data-outcome')
    : 'refused';
}

const pending = (s: ScannerPage) =>
  s.page.locator(part('sync-status')).getAttribute('data-pending', { timeout: 5_000 });

describe('the venue register with three terminals (Chromium)', () => {
  it('one register across terminals, a kill and restart, a split and its catch-up: every usage once', async () => {
    const [a, b, door] = [await terminal('Kassa 1'), await terminal('Kassa 2'), await terminal('Ovi')];
    try {
      expect(await sell(a, 'A045198723')).toBe('registered');
      expect(await a.page.locator(part('result')).textContent()).toMatch(/Recorded in the venue register/);
      expect(await a.page.locator(part('result')).textContent()).not.toMatch(/Kaikukanta/);

      // The next window: refused, naming where it was used.
      expect(await sell(b, 'A045198723')).toBe('refused');
      const used = b.page.locator(`${part('refusal')} li[data-code="already-used"]`);
      expect(await used.textContent()).toMatch(/This card already has a ticket for this event \(.*Kassa 1\)/);

      // Killed mid-shift: Kassa 1 goes on (the usage waits on the device), and once the register is back on its
      // address with its file, the usage arrives, once.
      const port = Number(new URL(register.url).port);
      register.child.kill('SIGKILL');
      await new Promise((resolve) => register.child.once('exit', resolve));
      expect(await sell(a, 'A999005458')).toBe('queued');
      register = await startRegister(port);
      await expect.poll(() => pending(a), { timeout: 90_000, interval: 500 }).toBe('0');

      // The door loses the network; it sells a card that Kassa 2 sells too before the door is back.
      await door.context.setOffline(true);
      expect(await sell(door, 'X000011986')).toBe('queued');
      expect(await sell(b, 'X000011986')).toBe('registered');
      await door.context.setOffline(false);
      const conflict = door.page.locator(`${part('needs-attention')} li[data-code="already-used"]`);
      await conflict.waitFor({ timeout: 90_000 });
      expect(await conflict.textContent()).toMatch(/Kassa 2/);
      expect(await conflict.textContent()).toMatch(/Admitted twice/);
      // Kassa 2 learns it too, with its next tally (here its next sale): where and when the door let the card in.
      expect(await sell(b, 'A123456789')).toBe('registered');
      const twice = b.page.locator(`${part('conflicts')} li[data-code="conflict"]`);
      await twice.waitFor({ timeout: 30_000 });
      expect(await twice.textContent()).toMatch(/also admitted at Ovi, .* The usage counts once/);
      await twice.getByRole('button', { name: /^Seen/ }).click();
      await b.page.locator(part('conflicts')).waitFor({ state: 'detached' });

      // Read back from the register: each usage once, where it was made; the door's refused one is not there.
      const api = createApiClient({ baseUrl: register.url, getToken: () => tokens['Ovi']! });
      // The demo's shows are within the next month (Taikuri Matti: a week ahead).
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      const listed: UsageRecord[] = [];
      for await (const u of api.iterateUsages({ venueId: 'teatteri-hilla', from: day(-1), to: day(29) }))
        listed.push(u);
      const standing = listed.filter((u) => u.state === 'registered').map((u) => `${u.cardId} ${u.terminal}`);
      expect(standing.sort()).toEqual([
        'A045198723 Kassa 1',
        'A123456789 Kassa 2',
        'A999005458 Kassa 1',
        'X000011986 Kassa 2',
      ]);
      // The conflict goes with the usage that stands, and the file for the import marks it on that one row.
      const twiceListed = listed.filter((u) => u.conflicts?.length);
      expect(twiceListed.map((u) => [u.cardId, u.conflicts!.map((c) => c.terminal)])).toEqual([
        ['X000011986', ['Ovi']],
      ]);
      const report = await exportUsageReport({ format: 'csv', locale: 'en', rows: listed });
      const lines = new TextDecoder().decode(report.bytes).split('\r\n');
      expect(lines.filter((l) => l.startsWith('X000011986'))).toEqual([
        expect.stringMatching(/,"Also admitted: Ovi at \d\d:\d\d, not counted"$/),
      ]);
      expect([...a.errors, ...b.errors, ...door.errors]).toEqual([]);
    } finally {
      await Promise.all([a, b, door].map((s) => s.context.close()));
    }
  });
});
