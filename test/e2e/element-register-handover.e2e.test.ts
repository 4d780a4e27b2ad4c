// From register to API at the element (issue 47.3), in Chromium against the real sandbox: a terminal runs without
// Kaikukanta (registry="none"), downloads a file for two usages and keeps a third; reopened with an API (base-url, the
// same venue and terminal name) it says which usages it will send and which are already in a file. "Send" puts the
// open one into the sandbox exactly once (again: nothing more), the exported ones only through their file's import.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../packages/core/src/api/create-api-client.js';
import { importSalesReport } from '../../packages/core/src/reports/import-sales-report.js';
// @ts-expect-error plain .mjs without types
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { useBoxOfficeStack } from '../support/engine-box-office.js';

const stack = useBoxOfficeStack();
let browser: Browser;
beforeAll(async () => {
  browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}, 120_000);
afterAll(() => browser?.close());

const inElement = <T>(page: Page, body: string) =>
  page.evaluate(`(async () => {
    const el = document.querySelector('kaiku-scanner'); const root = el.shadowRoot;
    const panel = root.querySelector('[part~="register"]'); ${body} })()`) as Promise<T>;
const until = (page: Page, condition: string) =>
  page.waitForFunction(
    `(() => { const el = document.querySelector('kaiku-scanner'); const root = el?.shadowRoot;
      const panel = root?.querySelector('[part~="register"]'); return ${condition}; })()`,
    { timeout: 60_000, polling: 100 },
  );

/** The demo at `url` (default: without Kaikukanta, under its default terminal name, Kassa 1). */
async function open(page: Page, url = `${stack.boxOffice('en')}&registry=none`): Promise<void> {
  const withoutApi = new URL(url).searchParams.get('registry') === 'none';
  await page.goto(url);
  await page.evaluate(`(async () => {
    window.__files = [];
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => (window.__files.push(blob), create(blob));
    await customElements.whenDefined('kaiku-scanner'); })()`);
  await until(page, `!!el && ${withoutApi ? "el.registry === 'none' && !!panel" : "el.baseUrl !== ''"}`);
}

async function registerCard(page: Page, cardId: string): Promise<void> {
  await inElement(page, `el.submitCardId('${cardId}');`);
  await until(page, `!!root.querySelector('[part~="confirm-button"]')`);
  await inElement(page, `root.querySelector('[part~="confirm-button"]').click();`);
  await until(page, `root.querySelector('[part~="result"]')?.getAttribute('data-outcome') === 'recorded'`);
  await inElement(page, `el.reset();`);
}

describe('a register handed over to Kaikukanta (Chromium)', () => {
  it('sends the usages not exported, once; says which were exported; never sends those', async () => {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await open(page);
      await registerCard(page, 'A045198723');
      await registerCard(page, 'A999005458');
      await inElement(page, `root.querySelector('[data-export="csv"]').click();`);
      await until(page, `window.__files.length === 1 && panel.dataset.open === '0'`);
      const csv = await inElement<string>(page, `return await window.__files[0].text();`);
      await registerCard(page, 'X000011986');
      await until(page, `panel.dataset.open === '1'`);

      // The same terminal with the API, by the demo's own link (it keeps the terminal name: issue 61.10): one to
      // send, two already in a file, named as such.
      await open(page, await page.$eval('#mode-link', (a) => (a as HTMLAnchorElement).href));
      await until(page, `panel?.dataset.register === 'hand-over' && panel.dataset.open === '1'`);
      expect(await inElement(page, `return panel.dataset.exported;`)).toBe('2');
      const said = await inElement<string>(page, `return panel.textContent;`);
      expect(said).toMatch(/holds 1 usage recorded without Kaikukanta. Send it to Kaikukanta/);
      expect(said).toMatch(/2 usages are already in a file for Kaikukanta’s import: they are not sent/);
      expect(await stack.usageCount('X000011986')).toBe(0);

      await inElement(page, `panel.querySelector('[data-hand-over]').click();`);
      await until(page, `panel?.dataset.open === '0' && !panel.querySelector('[data-hand-over]')`);
      await until(page, `root.querySelector('[part~="sync-status"]')?.dataset.pending === '0'`);
      expect(await inElement(page, `return panel.dataset.exported;`)).toBe('2');
      const counts = async () =>
        Promise.all(['A045198723', 'A999005458', 'X000011986'].map((c) => stack.usageCount(c)));
      expect(await counts()).toEqual([0, 0, 1]);

      // A reload and another sync send nothing twice; the file's import brings the other two, once.
      await open(page, page.url());
      await inElement(page, `await el.syncNow();`);
      expect(await counts()).toEqual([0, 0, 1]);
      const client = createApiClient({ baseUrl: stack.sandbox.url, getToken: () => 'test-token' });
      const options = { venueId: 'teatteri-hilla', channel: 'box-office' as const, client };
      const first = await importSalesReport(csv, options);
      expect(first.counts).toMatchObject({ registered: 2, invalid: 0 });
      expect((await importSalesReport(csv, options)).counts).toMatchObject({ registered: 0 });
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      const onServer: string[] = [];
      for await (const u of client.iterateUsages({ venueId: 'teatteri-hilla', from: day(-1), to: day(40) }))
        onServer.push(u.cardId);
      expect(onServer.sort()).toEqual(['A045198723', 'A999005458', 'X000011986']);
    } finally {
      await context.close();
    }
  }, 300_000);
});
