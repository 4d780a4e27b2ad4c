// The four results against the real sandbox in Chromium, each in fi/sv/en: each banner's verdict, icon shape and
// colour, axe with no violations, and a screenshot per result (test-results/screenshots/results/) to look at.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  openBoxOffice,
  part,
  screenshotDir,
  setLang,
  useHarness,
  wedgeScan,
  type ScannerPage,
} from '../support/element-harness.js';

const harness = useHarness();
const dir = path.join(screenshotDir, 'results');

/** The banner on screen: which result, its icon's shape, its fill. */
async function banner(s: ScannerPage, verdict: string) {
  const el = s.page.locator(`kaiku-scanner [data-verdict="${verdict}"]`);
  await el.waitFor({ timeout: 30_000 });
  return el.evaluate((b) => ({
    shape: b.querySelector('svg')?.getAttribute('data-shape'),
    fill: getComputedStyle(b).backgroundColor,
    heading: b.querySelector('h3')?.textContent ?? '',
  }));
}

/** The banner in each language (the element's `lang`, as the host sets it): its look, axe, a screenshot. */
async function check(s: ScannerPage, verdict: string) {
  const fills = new Set<string>();
  for (const lang of ['fi', 'sv', 'en'] as const) {
    await setLang(s.page, lang);
    const seen = await banner(s, verdict);
    expect(seen.shape, `${verdict} in ${lang}`).toBe(verdict);
    fills.add(seen.fill);
    expect(await axeViolations(s.page), `axe: ${verdict} in ${lang}`).toEqual([]);
    await s.page.waitForTimeout(100);
    await s.page.locator('kaiku-scanner').screenshot({ path: path.join(dir, `${verdict}-${lang}.png`) });
  }
  expect(fills.size, `${verdict}: one colour in every language`).toBe(1);
  return { fill: [...fills][0]! };
}

describe('results at a glance in fi, sv and en', () => {
  it('registered, refused, already used and needs attention: each its own look, axe clean', async () => {
    mkdirSync(dir, { recursive: true });
    const s = await openBoxOffice(harness(), {
      width: 800,
      path: '/box-office/?show=hilla-taikuri-matti',
    });
    await s.page.locator(part('cap-meter')).waitFor();
    const fills = new Set<string>();

    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    fills.add((await check(s, 'registered')).fill);
    await s.page.keyboard.press('Enter');

    await wedgeScan(s.cdp, 'A999005416');
    fills.add((await check(s, 'refused')).fill);
    await s.page.keyboard.press('Escape');

    // The same card again for the same show: this terminal knows it registered it, and says so at once.
    await wedgeScan(s.cdp, 'A045198723');
    const used = await check(s, 'already-used');
    fills.add(used.fill);
    expect(await s.page.locator(`${part('refusal')} li[data-code="already-used"]`).count()).toBe(1);
    await s.page.keyboard.press('Escape');

    // Queued offline, then refused by Kaikukanta when sent: the clerk must settle it.
    await s.context.setOffline(true);
    await wedgeScan(s.cdp, 'A999000001');
    await s.page.locator(part('tickets')).waitFor({ timeout: 15_000 });
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('queued-badge')).waitFor({ timeout: 15_000 });
    await s.context.setOffline(false);
    fills.add((await check(s, 'attention')).fill);

    expect(fills.size).toBe(4);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
