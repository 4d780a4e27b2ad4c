// "Already used for this show" end to end in Chromium, against the real sandbox through the demo box office: a card
// used at another terminal is refused when the clerk confirms, saying when and where in fi, sv and en; a usage queued
// offline that Kaikukanta refuses on sync as already used needs attention, with that reason. (The same terminal's own
// second usage: element-clerk.e2e.test.ts; Firefox and WebKit: engines.e2e.test.ts.)
import { describe, expect, it } from 'vitest';
import {
  countUsages,
  openBoxOffice,
  part,
  postElsewhere,
  setLang,
  useHarness,
  wedgeScan,
} from '../support/element-harness.js';

const harness = useHarness({ proxy: true });
const SHOW = 'hilla-taikuri-matti';
const WHEN = String.raw`\d{1,2}\.\d{1,2}\.\d{4}`;

/** Another terminal ("Kassa 2") registers the card for the show straight through the API: its answer. */
const elsewhere = (apiUrl: string, cardId: string): Promise<Response> =>
  postElsewhere(apiUrl, cardId, SHOW, { terminal: 'Kassa 2', token: 'kassa-2' });

async function registerElsewhere(apiUrl: string, cardId: string): Promise<void> {
  expect((await elsewhere(apiUrl, cardId)).status).toBe(201);
}

describe('<kaiku-scanner> already used for this show', () => {
  it('a card used at another terminal: refused on confirming, with when and where, nothing registered twice', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'fi', path: `/box-office/?show=${SHOW}` });
    await s.page.locator(part('cap-meter')).waitFor();
    await registerElsewhere(h.apiUrl, 'A999005429');
    await wedgeScan(s.cdp, 'A999005429');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    const row = s.page.locator(`${part('refusal')} li[data-code="already-used"]`);
    await row.waitFor({ timeout: 15_000 });
    const texts = {
      fi: new RegExp(
        `^Kortilla on jo lippu tähän tapahtumaan \\(${WHEN} klo \\d\\d\\.\\d\\d, Kassa 2\\)\\.$`,
      ),
      sv: new RegExp(
        `^Kortet har redan en biljett till det här evenemanget \\(${WHEN} kl\\. \\d\\d\\.\\d\\d, Kassa 2\\)\\.$`,
      ),
      en: new RegExp(
        `^This card already has a ticket for this event \\(${WHEN} \\d\\d:\\d\\d, Kassa 2\\)\\.$`,
      ),
    };
    for (const lang of ['fi', 'sv', 'en'] as const) {
      await setLang(s.page, lang);
      await expect
        .poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 })
        .toMatch(texts[lang]);
    }
    expect(await countUsages(h.apiUrl, 'A999005429', SHOW)).toBe(1);
    expect(await s.page.locator(part('needs-attention')).count()).toBe(0);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it("the element's terminal-name goes with its usage: another terminal is told where the card was used", async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'en', path: `/box-office/?show=${SHOW}` });
    await s.page.locator(part('cap-meter')).waitFor();
    await s.page.evaluate(() =>
      document.querySelector('kaiku-scanner')!.setAttribute('terminal-name', 'Kassa 1'),
    );
    await wedgeScan(s.cdp, 'A999005458');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('result')).waitFor({ timeout: 15_000 });
    const refused = await elsewhere(h.apiUrl, 'A999005458');
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as {
      reasons?: { code: string; params?: { terminal?: string } }[];
    };
    expect(problem.reasons?.find((r) => r.code === 'already-used')?.params?.terminal).toBe('Kassa 1');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('queued offline, used elsewhere meanwhile: refused on sync as already used and listed as needing attention', async () => {
    const h = harness();
    const s = await openBoxOffice(h, { lang: 'en', path: `/box-office/?show=${SHOW}` });
    await s.page.locator(part('cap-meter')).waitFor();
    // Looked up once online, so the offline decision has the card's record.
    await wedgeScan(s.cdp, 'A999005461');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Escape');
    await s.page.locator('kaiku-scanner #manual').waitFor();
    await h.proxy!.offline();
    await wedgeScan(s.cdp, 'A999005461');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('queued-badge')).waitFor({ timeout: 30_000 });
    await registerElsewhere(h.apiUrl, 'A999005461');
    await h.proxy!.online();
    const row = s.page.locator(`${part('needs-attention')} li[data-code="already-used"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toMatch(/This card already has a ticket for this event \(.*Kassa 2\)/);
    expect(await countUsages(h.apiUrl, 'A999005461', SHOW)).toBe(1);
    await s.context.close();
  });
});
