// <kaiku-scanner> as a clerk meets it at the counter (issue 18): the real demo box office, the real sandbox, real key
// events. Group members checked as they are read, the stepper and the keyboard, configuration checked when set.
import { describe, expect, it } from 'vitest';
import { openBoxOffice, part, useHarness, wedgeScan, type ScannerPage } from '../support/element-harness.js';

const harness = useHarness();

/** Collects the element's `kaiku-error` details on the page. */
async function recordErrors(s: ScannerPage): Promise<() => Promise<{ code: string; stage: string }[]>> {
  await s.page.evaluate(() => {
    const w = window as unknown as { kaikuErrors: unknown[] };
    w.kaikuErrors = [];
    document
      .querySelector('kaiku-scanner')!
      .addEventListener('kaiku-error', (e) => w.kaikuErrors.push((e as CustomEvent).detail));
  });
  return () =>
    s.page.evaluate(
      () => (window as unknown as { kaikuErrors: { code: string; stage: string }[] }).kaikuErrors,
    );
}

describe('<kaiku-scanner> at the counter', () => {
  it('a group member is looked up as read: an expired card is named with its reason at once', async () => {
    const s = await openBoxOffice(harness(), {
      lang: 'fi',
      path: '/box-office/?show=hilla-taikuri-matti',
    });
    await s.page.locator(part('cap-meter')).waitFor();
    const errors = await recordErrors(s);
    await wedgeScan(s.cdp, 'Y110029399');
    await s.page.locator(part('tickets')).waitFor();
    const groupError = s.page.locator('kaiku-scanner #member-error');
    // Expired yesterday (seed): not added, and the form says which card and why — before "Kirjaa käyttö".
    await wedgeScan(s.cdp, 'A999005416');
    await expect.poll(() => groupError.textContent(), { timeout: 10_000 }).toContain('A999005416');
    expect(await groupError.textContent()).toMatch(/voimassa/);
    expect(await s.page.locator('kaiku-scanner .group-list li').count()).toBe(0);
    // A valid member joins; the error goes.
    await wedgeScan(s.cdp, 'A999005458');
    await expect.poll(() => s.page.locator('kaiku-scanner .group-list li').count()).toBe(1);
    expect(await groupError.count()).toBe(0);
    expect(await errors()).toContainEqual({ code: 'card-expired', stage: 'lookup', cardId: 'A999005416' });
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
