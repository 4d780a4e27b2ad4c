// The status row is true from the first second (issue 30.2): the real demo box office, the real sandbox behind a
// proxy that can go away, and a token the sandbox refuses. Before any card is read the row says whether Kaikukanta
// answers and takes the sign-in, never the green "Kaikki lähetetty" while that is not known; the host hears the same
// through `kaiku-sync` and one `kaiku-error`, and a refused sign-in is `http-401` at every stage.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBoxOffice, part, useHarness, wedgeScan, type ScannerPage } from '../support/element-harness.js';

const harness = useHarness({ proxy: true });
const SHOW = '/box-office/?show=hilla-taikuri-matti';

const badges = (s: { page: Page }): Promise<string[]> =>
  s.page.evaluate(() =>
    Array.from(
      document
        .querySelector('kaiku-scanner')!
        .shadowRoot!.querySelectorAll('[part~="sync-status"] [data-sync]'),
      (b) => `${b.getAttribute('data-sync')}:${b.className.replace('badge', '').trim() || 'neutral'}`,
    ),
  );

/** Every badge list the row showed, sampled each animation frame from the page's first script on (`sampleRows`). */
const seenRows = (s: ScannerPage): Promise<string[]> =>
  s.page.evaluate(() => [...new Set((window as unknown as { rows: string[] }).rows)]);
/** The demo's event log (newest first): `kaiku-sync` and `kaiku-error` details since the page loaded (card IDs by their last four). */
/** The demo's event log (newest first): `kaiku-sync` and `kaiku-error` details since the page loaded, in order. */
const logged = (s: ScannerPage, name: string): Promise<unknown[]> =>
  s.page.evaluate(
    (n) =>
      Array.from(document.querySelectorAll('#log li'), (li) => li.textContent ?? '')
        .filter((t) => t.includes(` ${n} {`))
        .map((t) => JSON.parse(t.slice(t.indexOf('{'))) as unknown)
        .reverse(),
    name,
  );

const sampleRows = (context: ScannerPage['context']): Promise<unknown> =>
  context.addInitScript(() => {
    const w = window as unknown as { rows: string[] };
    w.rows = [];
    const sample = (): void => {
      const row = document.querySelector('kaiku-scanner')?.shadowRoot?.querySelector('[part~="sync-status"]');
      if (row)
        w.rows.push(
          Array.from(row.querySelectorAll('[data-sync]'), (b) => b.getAttribute('data-sync')).join(','),
        );
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });

describe('<kaiku-scanner> status row from the first second', () => {
  it('Kaikukanta down at the start of a shift: "not answering" before any scan, never green, green once back', async () => {
    const h = harness();
    await h.proxy!.offline();
    let s: ScannerPage | undefined;
    try {
      s = await openBoxOffice(h, { lang: 'fi', path: SHOW, beforeLoad: sampleRows });
      await expect.poll(() => badges(s!), { timeout: 15_000 }).toEqual(['unreachable:neutral']);
      expect(await s.page.locator(part('sync-status')).textContent()).toContain('Kaikukanta ei vastaa');
      await s.page.waitForTimeout(1_000);
      const rows = await seenRows(s);
      expect(rows.some((r) => r.includes('all-sent'))).toBe(false);
      // The host heard it without a scan.
      expect(await logged(s, 'kaiku-sync')).toContainEqual(
        expect.objectContaining({ connection: 'unreachable', pending: 0 }),
      );
    } finally {
      await h.proxy!.online();
    }
    // Back: asked again on its own (every 15 s), then green — signed in, nothing waits.
    await expect.poll(() => badges(s!), { timeout: 30_000 }).toEqual(['all-sent:ok']);
    expect(await logged(s, 'kaiku-sync')).toContainEqual(expect.objectContaining({ connection: 'ok' }));
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('a token Kaikukanta refuses: the sign-in badge before any scan, one http-401, and http-401 at look-up too', async () => {
    const refuse = { on: true };
    const s = await openBoxOffice(harness(), {
      lang: 'en',
      path: `${SHOW}&lang=en`,
      beforeLoad: async (context) => {
        await sampleRows(context);
        // The page's token, as Kaikukanta sees it, is one it does not accept (a space is never valid).
        await context.route('**/v1/**', (route) =>
          route.continue(
            refuse.on
              ? { headers: { ...route.request().headers(), authorization: 'Bearer expired token' } }
              : {},
          ),
        );
      },
    });
    await expect.poll(() => badges(s), { timeout: 15_000 }).toEqual(['auth:danger']);
    expect(await s.page.locator(part('sync-status')).textContent()).toContain('sign-in');
    const rows = await seenRows(s);
    expect(rows.some((r) => r.includes('all-sent'))).toBe(false);
    await s.page.waitForTimeout(500);
    const errors = (await logged(s, 'kaiku-error')) as { code: string; stage: string }[];
    expect(errors).toEqual([{ code: 'http-401', stage: 'sync' }]);
    expect(await logged(s, 'kaiku-sync')).toContainEqual(
      expect.objectContaining({ connection: 'signed-out' }),
    );

    // A card read now: the sign-in message, with the same code (not the server's `unauthorized`).
    await wedgeScan(s.cdp, 'A045198723');
    const error = s.page.locator(part('error'));
    await error.waitFor({ timeout: 15_000 });
    expect(await error.getAttribute('data-code')).toBe('http-401');
    expect((await logged(s, 'kaiku-error')).slice(1)).toEqual([
      { code: 'http-401', stage: 'lookup', cardId: '••••••8723' },
    ]);
    // Signed in again: "try again" looks the card up, and the row turns green (nothing waits).
    refuse.on = false;
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await expect.poll(() => badges(s), { timeout: 15_000 }).toEqual(['all-sent:ok']);
    await s.context.close();
  });

  it('a card looked up while Kaikukanta is away, with no cached record: its event says minors unknown', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'fi', path: SHOW });
    await expect.poll(() => badges(s), { timeout: 15_000 }).toEqual(['all-sent:ok']);
    await h.proxy!.offline();
    try {
      await wedgeScan(s.cdp, 'A999005461');
      await s.page.locator(part('tickets')).waitFor({ timeout: 20_000 });
      expect(await logged(s, 'kaiku-card')).toEqual([
        expect.objectContaining({
          cardId: '••••••5461',
          status: 'unverified',
          minors: null,
          fromCache: false,
        }),
      ]);
    } finally {
      await h.proxy!.online();
    }
    await s.context.close();
  });
});
