// Where a reading goes (issue 30, items 1 and 7): the real demo box office, the real sandbox, real key events from a
// wedge reader. A card read while another is looked up waits and is looked up next; of two elements on one page
// exactly one takes a reading, and focus does not jump to the other.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBoxOffice, part, useHarness, wedgeScan } from '../support/element-harness.js';

const harness = useHarness();

type Seen = { el: string; type: string; cardId?: string; code?: string; mode?: string };

/** Records the element events of every `<kaiku-scanner>` on the page (by id), in order. */
async function recordEvents(page: Page): Promise<() => Promise<Seen[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { seen: unknown[] };
    w.seen = [];
    for (const el of document.querySelectorAll('kaiku-scanner'))
      for (const type of [
        'kaiku-scan',
        'kaiku-card',
        'kaiku-error',
        'kaiku-usage-registered',
        'kaiku-usage-queued',
      ])
        el.addEventListener(type, (e) => {
          const d = (e as CustomEvent<{ cardId?: string; code?: string; mode?: string }>).detail;
          w.seen.push({ el: el.id, type, cardId: d.cardId, code: d.code, mode: d.mode });
        });
  });
  return () => page.evaluate(() => (window as unknown as { seen: Seen[] }).seen);
}

/**
 * Kaikukanta's look-ups held until the test lets them through (a slow network at the counter, as slow as the test
 * needs: a fixed delay let a loaded machine finish a look-up before the next cards were read).
 */
async function heldLookups(page: Page): Promise<{ hold(): void; release(): void }> {
  let gate = Promise.resolve();
  let open = (): void => undefined;
  await page.route('**/v1/cards/lookup**', async (route) => {
    await gate;
    await route.continue();
  });
  return {
    hold: () => void (gate = new Promise<void>((resolve) => (open = resolve))),
    release: () => open(),
  };
}

describe('<kaiku-scanner>: a reading is never lost, and goes to one element', () => {
  it('a card read during a slow look-up waits, is shown as waiting, and is looked up next', async () => {
    const s = await openBoxOffice(harness(), { lang: 'en', path: '/box-office/?show=hilla-taikuri-matti' });
    await s.page.locator(part('cap-meter')).waitFor();
    const seen = await recordEvents(s.page);
    const lookups = await heldLookups(s.page);
    lookups.hold();
    await wedgeScan(s.cdp, 'A999005458');
    await wedgeScan(s.cdp, 'A999005429');
    // Hang guards, not speed limits: with three lanes on two cores, rendering the waiting card took over 5 s on CI.
    const waiting = s.page.locator(part('next-waiting'));
    await waiting.waitFor({ timeout: 30_000 });
    expect(await waiting.textContent()).toContain('…5429');
    lookups.release();
    // Both looked up, in order, the second one last on screen; nothing reported lost.
    await expect
      .poll(async () => (await seen()).filter((e) => e.type === 'kaiku-card').map((e) => e.cardId), {
        timeout: 15_000,
      })
      .toEqual(['A999005458', 'A999005429']);
    await s.page.locator(part('tickets')).waitFor();
    expect(await s.page.locator(part('card-panel')).textContent()).toContain('A999005429');
    expect(await waiting.count()).toBe(0);
    // Three cards in a row during a look-up: the middle one is replaced, and that is said and reported.
    await s.page.keyboard.press('Escape');
    lookups.hold();
    await wedgeScan(s.cdp, 'A999005461');
    await wedgeScan(s.cdp, 'A045198723');
    await wedgeScan(s.cdp, 'X000011986');
    await expect
      .poll(async () => (await seen()).filter((e) => e.type === 'kaiku-error'), { timeout: 30_000 })
      .toEqual([{ el: 'scanner', type: 'kaiku-error', cardId: 'A045198723', code: 'reading-replaced' }]);
    expect(await s.page.locator('kaiku-scanner [role="alert"]').textContent()).toContain('…8723');
    lookups.release();
    await expect
      .poll(async () => (await seen()).filter((e) => e.type === 'kaiku-card').map((e) => e.cardId), {
        timeout: 15_000,
      })
      .toEqual(['A999005458', 'A999005429', 'A999005461', 'X000011986']);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('two elements on one page: a reading goes to the active one only, and focus stays with it', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: '/box-office/?show=hilla-taikuri-matti' });
    await s.page.locator(part('cap-meter')).waitFor();
    // A collection terminal beside the booking one, configured like it.
    await s.page.evaluate(() => {
      const a = document.querySelector('kaiku-scanner')!;
      const b = document.createElement('kaiku-scanner');
      Object.assign(b, {
        id: 'second',
        baseUrl: a.baseUrl,
        tokenProvider: a.tokenProvider,
        venueId: a.venueId,
        shows: a.shows,
        showId: a.showId,
        lang: 'fi',
        mode: 'collection',
      });
      a.after(b);
    });
    await s.page.locator('#second [part~="cap-meter"]').waitFor();
    const seen = await recordEvents(s.page);
    const focusedTerminal = (): Promise<string | undefined> =>
      s.page.evaluate(
        () => document.activeElement?.closest('kaiku-scanner')?.id ?? document.activeElement?.id,
      );
    // Nothing focused yet: the first element on the page takes the reading; the second stays ready.
    await wedgeScan(s.cdp, 'A999005458');
    await s.page.locator('#scanner [part~="tickets"]').waitFor();
    expect(await focusedTerminal()).toBe('scanner');
    await s.page.waitForTimeout(500);
    expect((await seen()).filter((e) => e.type === 'kaiku-scan').map((e) => e.el)).toEqual(['scanner']);
    expect(await s.page.locator('#second #manual').count()).toBe(1);
    // Enter registers on the element that shows the card (a booking), never on the other one.
    await s.page.keyboard.press('Enter');
    await s.page.locator('#scanner [part~="result"]').waitFor({ timeout: 15_000 });
    // Registered, or queued when a loaded machine answers after the client's timeout: on this element only, once.
    const used = (await seen()).filter((e) => /^kaiku-usage-(registered|queued)$/.test(e.type));
    expect(used.map(({ type: _, ...e }) => e)).toEqual([
      { el: 'scanner', cardId: 'A999005458', mode: 'booking' },
    ]);
    // The clerk clicks into the second element: readings go there now, and focus stays there.
    await s.page.locator('#second #manual').click();
    await wedgeScan(s.cdp, 'A999005429');
    await s.page.locator('#second [part~="card-panel"]').waitFor({ timeout: 15_000 });
    await s.page.waitForTimeout(500);
    expect((await seen()).filter((e) => e.type === 'kaiku-scan').map((e) => e.el)).toEqual([
      'scanner',
      'second',
    ]);
    expect(await focusedTerminal()).toBe('second');
    expect(await s.page.locator('#scanner [part~="result"]').count()).toBe(1); // the first still shows its result
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
