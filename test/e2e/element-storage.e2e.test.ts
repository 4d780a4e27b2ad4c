// Storage that is blocked or lost is said at once (issue 30.3): the real demo box office and the real sandbox, in
// a real Chromium profile whose site data is blocked (IndexedDB and localStorage refused, as "Block cookies and site
// data" does), and in an ordinary one whose IndexedDB the browser cleared while usages waited.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  countUsages,
  launchProfile,
  openBoxOffice,
  part,
  useHarness,
  wedgeScan,
  type ScannerPage,
} from '../support/element-harness.js';

const harness = useHarness({ proxy: true });
const SHOW_ID = 'hilla-taikuri-matti';
const SHOW = `/box-office/?show=${SHOW_ID}`;

const badges = (s: { page: Page }): Promise<string[]> =>
  s.page.evaluate(() =>
    Array.from(
      document
        .querySelector('kaiku-scanner')!
        .shadowRoot!.querySelectorAll('[part~="sync-status"] [data-sync]'),
      (b) => b.getAttribute('data-sync') ?? '',
    ),
  );

/** The demo's event log of one event type, oldest first. */
const logged = (s: ScannerPage, name: string): Promise<unknown[]> =>
  s.page.evaluate(
    (n) =>
      Array.from(document.querySelectorAll('#log li'), (li) => li.textContent ?? '')
        .filter((t) => t.includes(` ${n} {`))
        .map((t) => JSON.parse(t.slice(t.indexOf('{'))) as unknown)
        .reverse(),
    name,
  );

async function sell(s: ScannerPage, cardId: string): Promise<void> {
  await wedgeScan(s.cdp, cardId);
  await s.page.locator(part('tickets')).waitFor({ timeout: 20_000 });
  await s.page.keyboard.press('Enter');
}

describe('<kaiku-scanner> storage blocked or lost', () => {
  it('site data blocked: said before the first sale; sales register online only, none is claimed saved offline', async () => {
    const h = harness();
    const context = await launchProfile({ profile: { default_content_setting_values: { cookies: 2 } } });
    try {
      const s = await openBoxOffice(h, { lang: 'fi', path: SHOW, context });
      const notice = s.page.locator(part('storage-notice'));
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.getAttribute('data-storage')).toBe('unavailable');
      expect(await notice.textContent()).toContain('vain, kun Kaikukanta vastaa');
      await expect.poll(() => badges(s), { timeout: 15_000 }).toEqual(['no-storage']);
      expect(await logged(s, 'kaiku-error')).toEqual([{ code: 'storage-unavailable', stage: 'sync' }]);
      expect(await logged(s, 'kaiku-sync')).toContainEqual(
        expect.objectContaining({ storage: 'unavailable', connection: 'ok' }),
      );

      // Kaikukanta answers: the sale is registered there at once, without an outbox.
      await sell(s, 'A045198723');
      await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 15_000 });
      expect(await countUsages(h.apiUrl, 'A045198723', SHOW_ID)).toBe(1);
      await s.page.keyboard.press('Escape');

      // Kaikukanta away: nothing can wait on this device, so the sale is an error, never "saved, sent later".
      await h.proxy!.offline();
      try {
        await sell(s, 'A999005458');
        await s.page.locator(part('error')).waitFor({ timeout: 30_000 });
        expect(await s.page.locator(part('queued-badge')).count()).toBe(0);
        expect(await badges(s)).not.toContain('all-sent');
      } finally {
        await h.proxy!.online();
      }
      expect(await countUsages(h.apiUrl, 'A999005458', SHOW_ID)).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('IndexedDB cleared while 2 usages waited: the next start says 2 were lost until staff acknowledge it', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'en', path: `${SHOW}&lang=en` });
    await s.page.locator(part('cap-meter')).waitFor();
    await h.proxy!.offline();
    try {
      for (const card of ['A999005458', 'A999005461']) {
        await sell(s, card);
        await s.page.locator(part('queued-badge')).waitFor({ timeout: 30_000 });
        await s.page.keyboard.press('Escape');
      }
      await expect.poll(() => s.page.locator(part('sync-status')).getAttribute('data-pending')).toBe('2');
      // The browser evicts the origin's IndexedDB (Chromium keeps localStorage when it does).
      await s.page.goto(`${h.webUrl}/config.json`);
      await s.page.evaluate(async () => {
        for (const db of await indexedDB.databases())
          await new Promise((resolve, reject) => {
            const r = indexedDB.deleteDatabase(db.name!);
            r.onsuccess = resolve;
            r.onerror = reject;
          });
      });
      await s.page.goto(`${h.webUrl}${SHOW}&lang=en`);
      const notice = s.page.locator(part('storage-notice'));
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.getAttribute('data-lost')).toBe('2');
      expect(await notice.textContent()).toContain('2 usages not yet sent to Kaikukanta were lost');
      expect(await logged(s, 'kaiku-error')).toContainEqual({ code: 'storage-evicted', stage: 'sync' });
      expect(await logged(s, 'kaiku-sync')).toContainEqual(expect.objectContaining({ lost: 2 }));
    } finally {
      await h.proxy!.online();
    }
    // Acknowledged: gone, and it stays gone after a reload.
    await s.page.locator(`${part('storage-notice')} button`).click();
    await expect.poll(() => s.page.locator(part('storage-notice')).count()).toBe(0);
    await s.page.reload();
    await s.page.locator(part('cap-meter')).waitFor();
    // Judged once the outbox (and what it lost) has been read: "all sent" renders from that same state.
    await expect
      .poll(() => s.page.locator(`${part('sync-status')} [data-sync="all-sent"]`).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(await s.page.locator(part('storage-notice')).count()).toBe(0);
    await s.context.close();
  });
});
