// Undo on the result screen (issue 36.3), in Chromium against the real sandbox: the action names what it undoes,
// Kaikukanta voids the usage and gives its ticket back, the screen says so; outside the window the failure is shown
// and the usage stands. (Firefox and WebKit: engines.e2e.test.ts.)
import { describe, expect, it } from 'vitest';
import {
  countUsages,
  openBoxOffice,
  part,
  recordErrors,
  useHarness,
  wedgeScan,
} from '../support/element-harness.js';

const harness = useHarness();
const SHOW = 'hilla-taikuri-matti';

const clock = (apiUrl: string, offsetMs: number) =>
  fetch(`${apiUrl}/__sandbox/clock`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
    body: JSON.stringify({ offsetMs }),
  });

describe('<kaiku-scanner> undo', () => {
  it('takes the usage back from the result screen: voided in Kaikukanta, said on screen, announced', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'fi', path: `/box-office/?show=${SHOW}` });
    await s.page.locator(part('cap-meter')).waitFor();
    await s.page.evaluate(() => {
      const w = window as unknown as { voided: unknown[] };
      w.voided = [];
      document.addEventListener('kaiku-usage-voided', (e) => w.voided.push((e as CustomEvent).detail));
    });
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 15_000 });
    expect(await countUsages(h.apiUrl, 'A045198723', SHOW)).toBe(1);
    const undo = s.page.locator(part('undo-button'));
    expect(await undo.textContent()).toContain('Peru: A045198723, Aikuisia 1, lapsia 0.');
    await undo.click();
    const result = s.page.locator(`${part('result')}[data-outcome="voided"]`);
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toContain('Käyttö peruttu');
    expect(await s.page.locator(part('undo-button')).count()).toBe(0);
    expect(await countUsages(h.apiUrl, 'A045198723', SHOW)).toBe(0);
    const voided = await s.page.evaluate(() => (window as unknown as { voided: unknown[] }).voided);
    expect(voided).toEqual([expect.objectContaining({ cardId: 'A045198723', outcome: 'voided' })]);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('outside the window: the failure is shown with its reason and the usage stands', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'en', path: `/box-office/?show=${SHOW}` });
    await s.page.locator(part('cap-meter')).waitFor();
    const errors = await recordErrors(s);
    await wedgeScan(s.cdp, 'A999005458');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor({ timeout: 15_000 });
    try {
      expect((await clock(h.apiUrl, 16 * 60_000)).ok).toBe(true);
      await s.page.locator(part('undo-button')).click();
      const failure = s.page.locator(`${part('undo-error')}[data-code="void-window-closed"]`);
      await failure.waitFor({ timeout: 15_000 });
      expect(await failure.textContent()).toContain('The usage was not undone');
      expect(await failure.textContent()).toContain('the time to undo ended');
    } finally {
      await clock(h.apiUrl, 0);
    }
    expect(await s.page.locator(`${part('result')}[data-outcome="registered"]`).count()).toBe(1);
    expect(await countUsages(h.apiUrl, 'A999005458', SHOW)).toBe(1);
    expect(await errors()).toContainEqual({
      code: 'void-window-closed',
      stage: 'void',
      cardId: 'A999005458',
    });
    await s.context.close();
  });
});
