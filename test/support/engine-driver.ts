// End-to-end driver for the engines Playwright's bundled browsers cannot stand in for here: Firefox ESR over
// WebDriver BiDi (puppeteer-core) and WebKitGTK's MiniBrowser over classic WebDriver (webdriverio 9 and
// WebKitWebDriver on a private Xvfb display). One small interface for both: open tabs in one browsing session (one
// storage), run a script in a tab, send real key events as one WebDriver key action sequence.
import type { ChildProcess } from 'node:child_process';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { remote } from 'webdriverio';
import {
  firefoxPath,
  firefoxPrefs,
  miniBrowserPath,
  raisePriority,
  endChild,
  startWebKitDriver,
  startXvfb,
  // @ts-expect-error plain .mjs without types
} from './engines.mjs';
// @ts-expect-error plain .mjs without types
import { toWebDriverActions } from './wtr-keyboard-plugin.mjs';
import type { KeyEvent } from './key-taps.js';

export type DriverEngine = 'firefox' | 'webkit';

export type EngineTab = {
  /** Runs `body` (a function body; `return` a value or a promise) in the tab and resolves its result. */
  run<T>(body: string): Promise<T>;
  /** Sends real key events to the tab (a WebDriver key action sequence, paced by the driver). */
  keys(events: readonly KeyEvent[]): Promise<void>;
};

export type EngineSession = {
  readonly engine: DriverEngine;
  /** Opens `url` in a new tab of this session (the first call uses the session's own tab). */
  open(url: string): Promise<EngineTab>;
  close(): Promise<void>;
};

export type EngineBrowser = {
  readonly engine: DriverEngine;
  /** A fresh browsing session: its own storage (IndexedDB, caches), nothing shared with an earlier one. */
  session(): Promise<EngineSession>;
  close(): Promise<void>;
};

type WdioBrowser = Awaited<ReturnType<typeof remote>>;

function plan(events: readonly KeyEvent[], autoRepeat: boolean): unknown[] {
  const result = toWebDriverActions(events, { autoRepeat }) as { actions?: unknown[]; unsupported?: string };
  if (result.actions === undefined)
    throw new Error(`the WebDriver keyboard cannot send ${result.unsupported}`);
  return [{ type: 'key', id: 'kaiku-keyboard', actions: result.actions }];
}

async function launchFirefox(): Promise<EngineBrowser> {
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    defaultViewport: null,
    extraPrefsFirefox: firefoxPrefs,
  });
  raisePriority(browser.process()?.pid);
  const tab = (page: PuppeteerPage): EngineTab => ({
    run: <T>(body: string) => page.evaluate(`(async () => { ${body} })()`) as Promise<T>,
    async keys(events) {
      // Keys go to the tab in front, as a person's do: a background tab has no focused element.
      await page.bringToFront();
      const context = (
        page.mainFrame() as unknown as { browsingContext: { performActions(a: unknown[]): Promise<void> } }
      ).browsingContext;
      await context.performActions(plan(events, true));
    },
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
          return tab(page);
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function launchWebKit(): Promise<EngineBrowser> {
  const children: ChildProcess[] = [];
  const xvfb = (await startXvfb()) as { display: string; child: ChildProcess };
  children.push(xvfb.child);
  type Driver = { port: number; child: ChildProcess };
  let driver = (await startWebKitDriver(xvfb.display)) as Driver;
  children.push(driver.child);
  const killAll = () => children.forEach((c) => void endChild(c, 'SIGKILL'));
  process.once('exit', killAll);
  return {
    engine: 'webkit',
    async session() {
      // A WebKit automation session is ephemeral: a new one has empty storage.
      const start = (): Promise<WdioBrowser> =>
        remote({
          hostname: '127.0.0.1',
          port: driver.port,
          logLevel: 'error',
          // A hang guard, not a pace: the session request is answered once MiniBrowser has started.
          connectionRetryTimeout: 60_000,
          connectionRetryCount: 3,
          capabilities: {
            browserName: 'MiniBrowser',
            'wdio:enforceWebDriverClassic': true,
            'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
          } as WebdriverIO.Capabilities,
        });
      let wd: WdioBrowser;
      try {
        wd = await start();
      } catch (error) {
        // Seen once on a loaded machine: the session request got no answer in 60 s (UND_ERR_HEADERS_TIMEOUT, which
        // webdriver does not retry), and the driver was left starting a MiniBrowser that never came. A new driver
        // gets one more try; the restart is printed, never silent.
        process.stderr.write(
          `engine-driver: WebKit session request failed (${(error as Error).message}); restarting WebKitWebDriver\n`,
        );
        void endChild(driver.child, 'SIGKILL');
        driver = (await startWebKitDriver(xvfb.display)) as Driver;
        children.push(driver.child);
        wd = await start();
      }
      let current = await wd.getWindowHandle();
      let first = true;
      const focus = async (handle: string) => {
        if (current !== handle) await wd.switchToWindow(handle);
        current = handle;
      };
      return {
        engine: 'webkit',
        async open(url) {
          let handle: string;
          if (first) {
            first = false;
            handle = current;
            await wd.url(url);
          } else {
            handle = (await wd.createWindow('tab')).handle;
            await focus(handle);
            await wd.url(url);
          }
          return {
            async run<T>(body: string) {
              await focus(handle);
              return (await wd.execute(`return (async () => { ${body} })()`)) as T;
            },
            async keys(events) {
              await focus(handle);
              await wd.performActions(plan(events, false) as never);
            },
          };
        },
        close: () => wd.deleteSession(),
      };
    },
    async close() {
      process.off('exit', killAll);
      for (const child of children.reverse()) await endChild(child);
    },
  };
}

export function launchEngine(engine: DriverEngine): Promise<EngineBrowser> {
  return engine === 'firefox' ? launchFirefox() : launchWebKit();
}
