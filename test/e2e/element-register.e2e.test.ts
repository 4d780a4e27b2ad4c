// A clerk's shift without a Kaikukanta API (registry="none") in Chromium, Firefox and WebKit: the demo box office
// with its strict CSP, usages kept in the terminal's register through reloads, "already used" on this terminal, undo,
// a second terminal with its own register, and the "download for Kaikukanta" file, which the project's own import
// reads into the real sandbox once (a second import registers nothing). KAIKU_ENGINE picks one engine (default all).
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../packages/core/src/api/create-api-client.js';
import { importSalesReport } from '../../packages/core/src/reports/import-sales-report.js';
// @ts-expect-error plain .mjs without types
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { sharedEngine } from '../support/e2e-shared.js';
import type { EngineBrowser, EngineTab } from '../support/engine-driver.js';
import { part, until, useBoxOfficeStack } from '../support/engine-box-office.js';

const stack = useBoxOfficeStack();
type Engine = 'chromium' | 'firefox' | 'webkit';
const ENGINES: Engine[] = process.env.KAIKU_ENGINE
  ? [process.env.KAIKU_ENGINE as Engine]
  : ['chromium', 'firefox', 'webkit'];

/** Chromium over CDP, with the drivers' tab shape: this test clicks and calls the element, it sends no key. */
async function launchChromium(): Promise<EngineBrowser> {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
  });
  return {
    engine: 'firefox',
    async session() {
      const context = await browser.createBrowserContext();
      return {
        engine: 'firefox',
        async open(url) {
          const page = await context.newPage();
          await page.goto(url, { waitUntil: 'load' });
          return {
            run: <T>(body: string) => page.evaluate(`(async () => { ${body} })()`) as Promise<T>,
            keys: () => Promise.reject(new Error('no keys in this test')),
          };
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

const run = <T>(tab: EngineTab, body: string) =>
  tab.run<T>(`const el = document.querySelector('kaiku-scanner'); const root = el.shadowRoot; ${body}`);

/** The box office without an API, as terminal `terminal`; files the element downloads are kept in `__files`. */
async function open(s: Awaited<ReturnType<EngineBrowser['session']>>, terminal: string): Promise<EngineTab> {
  const tab = await s.open(`${stack.boxOffice('fi')}&registry=none&terminal=${encodeURIComponent(terminal)}`);
  await tab.run(`
    window.__files = [];
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => (window.__files.push(blob), create(blob));
    window.__usages = [];
    document.addEventListener('kaiku-usage-registered', (e) => window.__usages.push(e.detail.usageId));
    await customElements.whenDefined('kaiku-scanner');
    return true;`);
  await until(tab, `el.registry === 'none' && ${part('register')} && ${part('cap-meter')}`);
  return tab;
}

/** Reads a card ID (as a host's own scanner integration would) and registers it with `children` children. */
async function registerCard(tab: EngineTab, cardId: string, children = 0): Promise<void> {
  await run(tab, `el.submitCardId('${cardId}'); return true;`);
  await until(tab, `${part('confirm-button')}`);
  for (let i = 0; i < children; i++)
    await run(tab, `root.querySelector('.stepper-controls button:last-child').click(); return true;`);
  await until(
    tab,
    `root.querySelector('[role=spinbutton]')?.getAttribute('aria-valuenow') === '${children}'`,
  );
  await run(tab, `${part('confirm-button')}.click(); return true;`);
  // Recorded on this terminal, not in Kaikukanta: its own result, never "Kirjattu Kaikukantaan".
  await until(tab, `${part('result')}?.getAttribute('data-outcome') === 'recorded'`);
  expect(await run<string>(tab, `return ${part('result')}.textContent;`)).toMatch(
    /Tallennettu tälle päätteelle(?![^]*Kirjattu Kaikukantaan)/,
  );
  await run(tab, `el.reset(); return true;`);
}

const openCount = (tab: EngineTab) => run<string>(tab, `return ${part('register')}.dataset.open;`);

describe.each(ENGINES)('a shift without Kaikukanta in %s', (engine) => {
  let browser: EngineBrowser;
  beforeAll(async () => {
    browser = engine === 'chromium' ? await launchChromium() : await sharedEngine(engine);
  }, 120_000);
  afterAll(async () => {
    // Firefox and WebKit are the worker's (e2e-shared.ts).
    if (engine === 'chromium') await browser?.close();
  });

  it('keeps usages through reloads, refuses a second use, undoes, keeps terminals apart, exports once', async () => {
    const s = await browser.session();
    try {
      let tab = await open(s, 'Kassa 1');
      expect(await run(tab, `return ${part('sync-status')}.textContent.trim();`)).toContain(
        'Ilman Kaikukantaa',
      );
      expect(await run(tab, `return root.textContent;`)).not.toMatch(/paperille/);
      await run(tab, `el.submitCardId('A045198723'); return true;`);
      await until(tab, `root.querySelector('[data-source="register"]')`);
      await run(tab, `el.reset(); return true;`);
      await registerCard(tab, 'A045198723', 2);
      await registerCard(tab, 'A999005458');
      expect(await run(tab, `return ${part('cap-meter')}.textContent;`)).toContain(
        'laskettu tällä päätteellä',
      );
      // Undo the last one within the window: out of the register.
      const last = await run<string>(tab, `return window.__usages.at(-1);`);
      await run(tab, `await el.voidUsage('${last}'); return true;`);
      await until(tab, `${part('register')}.dataset.open === '1'`);

      // Reload: the usage is still there, and the same card for the same show is refused on this terminal.
      tab = await open(s, 'Kassa 1');
      expect(await openCount(tab)).toBe('1');
      await run(tab, `el.submitCardId('A045198723'); return true;`);
      await until(tab, `${part('refusal')}?.querySelector('[data-code="already-used"]')`);
      await run(tab, `el.reset(); return true;`);

      // A second terminal has its own register.
      const other = await open(s, 'Kassa 2');
      expect(await openCount(other)).toBe('0');
      await registerCard(other, 'X000011986');
      // The count follows the result screen (it is read back from the register), so wait for it.
      await until(other, `${part('register')}.dataset.open === '1'`);

      // Download a file for Kaikukanta's import: it names the terminal; then no empty file is offered.
      await run(tab, `root.querySelector('[data-export="csv"]').click(); return true;`);
      await until(tab, `window.__files.length === 1 && ${part('register')}.dataset.open === '0'`);
      const csv = await run<string>(tab, `return await window.__files[0].text();`);
      expect(csv).toContain('pääte Kassa 1');
      expect(csv).toMatch(/A045198723;1;2;Taikuri Matti;/);
      expect(csv).not.toMatch(/A999005458|X000011986/);
      expect(await run<number>(tab, `return root.querySelectorAll('[data-export]').length;`)).toBe(0);

      // The file into Kaikukanta's import (the sandbox): once, and nothing on a second import.
      const client = createApiClient({ baseUrl: stack.sandbox.url, getToken: () => 'test-token' });
      const options = { venueId: 'teatteri-hilla', channel: 'box-office' as const, client };
      expect((await importSalesReport(csv, options)).counts).toMatchObject({ registered: 1, invalid: 0 });
      expect((await importSalesReport(csv, options)).counts).toMatchObject({
        registered: 0,
        alreadyRegistered: 1,
      });
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      const onServer: string[] = [];
      for await (const u of client.iterateUsages({ venueId: 'teatteri-hilla', from: day(-1), to: day(40) }))
        onServer.push(u.cardId);
      expect(onServer).toEqual(['A045198723']);
    } finally {
      await s.close();
    }
  }, 300_000);
});
