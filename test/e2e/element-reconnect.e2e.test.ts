// <kaiku-scanner> when the connection goes and comes back (issue 18): the real demo, the real sandbox behind a
// proxy that can go away (connections refused) and come back, and the browser's own offline switch. The sync
// status says one consistent thing, and a card looked up while Kaikukanta was away is verified again on its own.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBoxOffice, part, setLang, useHarness, wedgeScan } from '../support/element-harness.js';

const harness = useHarness({ proxy: true });
const SHOW = '/box-office/?show=hilla-taikuri-matti';

const badges = (s: { page: Page }) =>
  s.page.evaluate(() =>
    Array.from(
      document
        .querySelector('kaiku-scanner')!
        .shadowRoot!.querySelectorAll('[part~="sync-status"] [data-sync]'),
      (b) => `${b.getAttribute('data-sync')}:${b.className.replace('badge', '').trim() || 'neutral'}`,
    ),
  );

/** Usages Kaikukanta holds for the show. */
async function usages(): Promise<number> {
  const res = await fetch(`${harness().apiUrl}/v1/shows/hilla-taikuri-matti/tally`, {
    headers: { authorization: 'Bearer demo-token' },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { usages: number }).usages;
}

describe('<kaiku-scanner> status and reconnection', () => {
  it('"everything sent" is green only online with nothing waiting; offline with an empty queue is neutral', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: SHOW });
    await expect.poll(() => badges(s)).toEqual(['all-sent:ok']);
    await s.context.setOffline(true);
    await expect.poll(() => badges(s)).toEqual(['offline:neutral']);
    expect(await s.page.locator(`${part('sync-status')}`).textContent()).not.toContain('Kaikki lähetetty');
    // A usage queued offline: the connection and the waiting usage, both as warnings; still nothing green.
    await wedgeScan(s.cdp, 'A999005461');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('queued-badge')).waitFor({ timeout: 15_000 });
    await expect.poll(() => badges(s)).toEqual(['offline:warn', 'pending:warn']);
    // Nothing can be sent without a network: no "Send now" that would do nothing (it goes on its own when back).
    expect(await s.page.locator(`${part('sync-status')} button`).count()).toBe(0);
    await s.context.setOffline(false);
    await expect.poll(() => badges(s), { timeout: 15_000 }).toEqual(['all-sent:ok']);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('Kaikukanta away, the card unverified; back: verified on screen without a rescan, registered once', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'fi', path: SHOW });
    await expect.poll(() => badges(s)).toEqual(['all-sent:ok']);
    await h.proxy!.offline();
    try {
      await wedgeScan(s.cdp, 'A045198723');
      await s.page.locator(part('tickets')).waitFor({ timeout: 20_000 });
      const unverified = s.page.locator(`${part('card-panel')} [data-source="none"]`);
      expect(await unverified.count()).toBe(1);
      // The network is fine, Kaikukanta is not: the status says so, and nothing is green.
      await expect.poll(() => badges(s)).toEqual(['unreachable:neutral']);
    } finally {
      await h.proxy!.online();
    }
    // Back: the card is looked up again on its own, the panel and the live line say what Kaikukanta says.
    await expect.poll(() => unverifiedCount(s), { timeout: 20_000 }).toBe(0);
    const facts = await s.page.locator(`${part('card-panel')} dl`).textContent();
    expect(facts).toContain('Aktiivinen');
    expect(facts).not.toContain('Ei tarkistettu');
    await expect.poll(() => politeLine(s)).toContain('A045198723: Aktiivinen');
    await expect.poll(() => badges(s)).toEqual(['all-sent:ok']);
    // The stepper now knows the 2 registered minors; one press registers once, online.
    await s.page.keyboard.press('ArrowUp');
    await s.page.keyboard.press('Enter');
    await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 15_000 });
    expect(await usages()).toBe(1);
    await s.page.waitForTimeout(500);
    expect(await usages()).toBe(1);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('a card refused by Kaikukanta, looked up while it was away: the refusal and its reason appear when it is back', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'fi', path: SHOW });
    await h.proxy!.offline();
    try {
      await wedgeScan(s.cdp, 'A999005416'); // expired yesterday (seed)
      await s.page.locator(part('tickets')).waitFor({ timeout: 20_000 });
    } finally {
      await h.proxy!.online();
    }
    const refusal = s.page.locator(`${part('refusal')} li[data-code="card-expired"]`);
    await refusal.waitFor({ timeout: 20_000 });
    expect(await refusal.textContent()).toMatch(/voimassa/);
    expect(await s.page.locator(part('tickets')).count()).toBe(0);
    await expect.poll(() => alertLine(s)).toMatch(/voimassa/);
    expect(await usages()).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('Kaikukanta away and a show this till never counted: the meter says the count is not known, not "0 given"', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'fi', path: SHOW });
    const meter = s.page.locator(part('cap-meter'));
    await expect.poll(() => meter.textContent()).toMatch(/0 \/ 6 annettu/);
    await h.proxy!.offline();
    try {
      await s.page.locator('kaiku-scanner #show-select').selectOption('hilla-pieni-nayttamo'); // cap 2
      await expect.poll(() => meter.getAttribute('data-known')).toBe('false');
      // The new show's cap may render a moment after the unknown count: wait for the text, not only the attribute.
      await expect.poll(() => meter.textContent()).toMatch(/Ei tiedossa[\s\S]*2/);
      const text = await meter.textContent();
      expect(text).not.toMatch(/\d+ \/ 2 annettu/);
      expect(text).not.toContain('jäljellä');
      expect(text).toContain('2');
      expect(text).toContain('Ei tiedossa');
      expect(await meter.locator('[role="meter"]').count()).toBe(0);
    } finally {
      await h.proxy!.online();
    }
    // Back: the next card looked up brings the server's count.
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await expect.poll(() => meter.textContent(), { timeout: 15_000 }).toMatch(/0 \/ 2 annettu/);
    expect(await meter.getAttribute('data-known')).toBe(null);
    expect(await meter.locator('[role="meter"]').count()).toBe(1);
    await s.context.close();
  });

  it('a language switch mid-card says the live status line again in the new language', async () => {
    const s = await openBoxOffice(harness(), { lang: 'fi', path: SHOW });
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await expect.poll(() => politeLine(s)).toContain('Kortti A045198723: Aktiivinen');
    await setLang(s.page, 'sv');
    await expect.poll(() => politeLine(s), { timeout: 10_000 }).toContain('Kort A045198723: Aktivt');
    expect(await s.page.locator(part('tickets')).textContent()).toContain('Biljetter');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});

const unverifiedCount = (s: { page: Page }) => s.page.locator(`${part('card-panel')} [data-source]`).count();
const liveLine = (s: { page: Page }, role: string) =>
  s.page.evaluate(
    (r) =>
      document.querySelector('kaiku-scanner')!.shadowRoot!.querySelector(`.sr-only[role="${r}"]`)
        ?.textContent ?? '',
    role,
  );
const politeLine = (s: { page: Page }) => liveLine(s, 'status');
const alertLine = (s: { page: Page }) => liveLine(s, 'alert');
