// The three browser engines the browser suite runs in, all from the machine (no browser download is possible
// here): Chromium (Playwright's launcher over CDP), Firefox ESR (puppeteer-core over WebDriver BiDi, through
// @web/test-runner's chrome launcher) and WebKitGTK's MiniBrowser (WebKitWebDriver over classic WebDriver,
// under a private Xvfb display). `KAIKU_ENGINE` picks one: `chromium` (the default), `firefox` or `webkit`.
//
// WebKitGTK is the engine inside Safari, not Safari: see docs/browser-support.md for what it cannot tell us.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { setPriority } from 'node:os';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteer from 'puppeteer-core';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

export const firefoxPath =
  process.env.FIREFOX_PATH ??
  ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p)) ??
  '/usr/bin/firefox-esr';

export const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';

export const miniBrowserPath =
  process.env.MINIBROWSER_PATH ??
  [
    '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    '/usr/lib/x86_64-linux-gnu/webkitgtk-6.0/MiniBrowser',
  ].find((p) => existsSync(p)) ??
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The engine `KAIKU_ENGINE` names; anything else is refused, naming the variable. */
export function selectedEngine(env = process.env) {
  const engine = (env.KAIKU_ENGINE ?? 'chromium').trim().toLowerCase();
  if (!ENGINES.includes(engine))
    throw new Error(`KAIKU_ENGINE=${env.KAIKU_ENGINE}: expected one of ${ENGINES.join(', ')}`);
  return engine;
}

/** Firefox prefs: no first-run pages, no background traffic to the closed network, no permission prompts. */
export const firefoxPrefs = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  // A fake camera for getUserMedia, granted without a prompt (Chromium's --use-fake-device-for-media-stream).
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
};

export function browserFor(engine) {
  if (engine === 'chromium')
    return playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        // A fake camera for getUserMedia, granted without a prompt (as Firefox's prefs below).
        args: [
          ...chromiumArgs.filter((a) => !a.startsWith('--headless')),
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      },
    });
  if (engine === 'firefox')
    return chromeLauncher({
      puppeteer: puppeteerRaised,
      launchOptions: {
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: true,
        defaultViewport: null,
        extraPrefsFirefox: firefoxPrefs,
      },
    });
  return new WebKitLauncher();
}

/**
 * Firefox's and WebKit's drivers pace key events with their own timers and the page stamps each key on arrival,
 * so on a machine busy with other work a driver can stall a key by tens of milliseconds — a delay no reader has.
 * The browser under test (and what it starts later, which inherits the priority) therefore runs ahead of
 * background load when the system allows it; where it does not (no privilege), the run says so and goes on, and
 * test/support/keys.ts still catches a distorted delivery.
 */
export const BROWSER_NICE = -10;
let priorityWarned = false;
export function raisePriority(pid) {
  if (pid === undefined) return;
  try {
    setPriority(pid, BROWSER_NICE);
  } catch (error) {
    if (!priorityWarned)
      console.warn(
        `engines: browser priority not raised (${error.code ?? error}); key timing may suffer under load`,
      );
    priorityWarned = true;
  }
}

/** puppeteer-core, launching Firefox with raised priority. */
const puppeteerRaised = {
  async launch(options) {
    const browser = await puppeteer.launch(options);
    raisePriority(browser.process()?.pid);
    return browser;
  },
};

/** The children this process is ending itself: their exit is no crash. */
const stopping = new WeakSet();

/** Ends a child this process started (TERM, then KILL after 3 s); its exit is then no crash. */
export async function endChild(child, signal = 'SIGTERM') {
  stopping.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The processes whose parent is `pid` (Linux: /proc), so a driver's browser is not left behind when it is ended. */
function childrenOf(pid) {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The parent is the 4th field, after the command in parentheses (which may hold spaces).
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A line about the test runner itself (a crashed driver, an uncaught exception), written to stderr at once and
 * unbuffered, so it reaches the CI log even when the process stops right after; scripts/test.mjs quotes these.
 */
export function runnerNote(text) {
  writeSync(2, `\nkaiku-runner: ${text}\n`);
}

/** Starts Xvfb on a display it picks itself (`-displayfd`) and resolves `{ display, child }`. */
export function startXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  raisePriority(child.pid);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    let started = false;
    child.stdio[3].on('data', (chunk) => {
      started = true;
      resolve({ display: `:${String(chunk).trim()}`, child });
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const error = new Error(`Xvfb exited with ${code ?? signal}: ${err}`);
      reject(error);
      if (started && !stopping.has(child)) runnerNote(`${error.message.trim()} (mid-run)`);
    });
  });
}

/** Starts WebKitWebDriver on a free port with `DISPLAY` set, resolving once it accepts connections. */
export async function startWebKitDriver(display) {
  const port = await freePort();
  const child = spawn(webkitDriverPath, [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DISPLAY: display },
  });
  raisePriority(child.pid);
  let err = '';
  child.stderr.on('data', (chunk) => (err += chunk));
  const exited = new Promise((_, reject) =>
    child.once('exit', (code, signal) => {
      if (!stopping.has(child))
        reject(new Error(`WebKitWebDriver exited with ${code ?? signal}: ${err.slice(-2000)}`));
    }),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await Promise.race([
      fetch(`http://127.0.0.1:${port}/status`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (up) {
      // From here on an exit is a crash mid-run: say so at once, whole (the runner's own console is buffered
      // and an unhandled rejection would stop it with no word in the log).
      exited.catch((error) => runnerNote(`${error.message.trim()} (mid-run; the tests still running fail)`));
      return { port, child };
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on port ${port}: ${err}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * @web/test-runner's WebDriver launcher, owning its Xvfb and WebKitWebDriver: both start with the launcher and
 * are killed when it stops (or when this process exits), so no run leaves a browser behind.
 */
export class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    super({
      hostname: '127.0.0.1',
      port: 0,
      logLevel: 'error',
      // A command (a page's navigation above all) that gets no answer in 45 s fails once, not after four tries: the
      // page is then opened in a new MiniBrowser (`startSession`), within the runner's browserStartTimeout.
      connectionRetryTimeout: 45_000,
      connectionRetryCount: 0,
      capabilities: {
        browserName: 'MiniBrowser',
        // webdriverio 9 would otherwise ask for BiDi, which WebKitWebDriver does not speak.
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
      },
    });
    this.children = [];
    this.killAll = () => this.children.forEach((c) => void endChild(c, 'SIGKILL'));
  }

  async initialize(config, testFiles) {
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
    process.once('exit', this.killAll);
    const xvfb = await startXvfb();
    this.children.push(xvfb.child);
    this.display = xvfb.display;
    await this.newDriver();
  }

  async newDriver() {
    const driver = await startWebKitDriver(this.display);
    this.children.push(driver.child);
    [this.driverChild, this.options.port] = [driver.child, driver.port];
  }

  /**
   * Opens a test page, awaited. web-test-runner's own `queueStartSession` leaves the navigation unawaited, so one that
   * failed (MiniBrowser stuck late in a long run: 120 s without an answer) was an unhandled rejection that stopped the
   * whole run with no word (CI, twice). A failed navigation now ends that WebKitWebDriver and its MiniBrowser, starts
   * new ones, says so, and opens the page there once more; a second failure fails this file only.
   */
  async startSession(id, url) {
    const open = async () => {
      await this.ensureManagerInitialized();
      this.driverManager.urlMap.set(id, url);
      await this.driver.navigateTo(url);
    };
    try {
      await open();
    } catch (error) {
      runnerNote(
        `WebKit did not open a test page (${String(error?.message ?? error).split('\n')[0]}); new browser`,
      );
      clearInterval(this.pendingHeartbeat);
      [this.driver, this.driverManager] = [undefined, undefined];
      for (const pid of childrenOf(this.driverChild.pid)) process.kill(pid, 'SIGKILL'); // MiniBrowser, stuck
      await endChild(this.driverChild, 'SIGKILL');
      await this.newDriver();
      await open();
    }
  }

  async stop() {
    await super.stop();
    for (const child of this.children.reverse()) await endChild(child);
    this.children = [];
  }
}

/**
 * Browser test files that run in Chromium alone: what they measure is the decoder's algorithm on pixels the test
 * draws itself — the same zxing-cpp wasm and the same JS stages in every engine — so a second and third engine add
 * time (over half of each engine's run) and no check. What differs between engines stays in all three: reading
 * pixels (read-pixels, decode-fixtures' real photos, decode-image's image kinds and native detector), the worker,
 * wasm loading and CSP (decode-worker, decode-wasm-*, decode-csp, lazy-load, decode-fallback), the camera, the
 * keyboard, IndexedDB and the element. A file is listed with the reason it is engine-agnostic; `KAIKU_ALL_FILES=1`
 * runs every file in every engine (e.g. before a release).
 */
export const CHROMIUM_ONLY = {
  'packages/core/src/input/decode/decode-hard-photos.browser.test.ts':
    'hard cases the test generates, one decoder',
  'packages/core/src/input/decode/decode-fuzz.browser.test.ts':
    'random images from a fixed seed, one decoder',
  'packages/core/src/input/decode/decode-phone-screens.browser.test.ts':
    'generated phone screens, one decoder',
  'packages/core/src/input/decode/decode-corpus.browser.test.ts':
    'the generated card-photo corpus, one decoder',
  'packages/core/src/input/decode/decode-evidence.browser.test.ts':
    'generated unseen conditions, one decoder',
  'packages/core/src/input/decode/decode-filter.browser.test.ts':
    'the accept filter on drawn codes (pure logic)',
  'packages/core/src/input/decode/decode-fast-qr.browser.test.ts': 'fast-mode passes on drawn QR codes',
  'packages/core/src/input/decode/decode-flattened.browser.test.ts':
    'the light-flattening pass on drawn frames',
  // Not engine-agnostic, but only Chromium's runner gives a test file a page whose modules are not cached yet: under
  // WebDriver (Firefox, WebKit) a file after one that loaded the Swedish strings never asks the server for them again
  // (seen: one request in two files), so their failed load cannot be made. What it tests is the element's own promise
  // race (locale-controller.ts), the same code in every engine.
  'packages/element/src/language-failure.browser.test.ts':
    "the Swedish strings' failed load (a fresh page's module cache)",
};

/**
 * The browser suite's files for `engine`: every file in Chromium, all but `CHROMIUM_ONLY` in the others.
 * `KAIKU_PART` splits Chromium's run in two, so `npm test` can run them side by side: `only` the `CHROMIUM_ONLY` files
 * (CPU-bound decoding), `shared` the files every engine runs; unset, all of them.
 */
export function filesFor(engine, all, env = process.env) {
  const only = Object.keys(CHROMIUM_ONLY);
  const shared = [...all, ...only.map((file) => `!${file}`)];
  const part = env.KAIKU_PART;
  if (part !== undefined) {
    if (engine !== 'chromium' || !['only', 'shared'].includes(part))
      throw new Error(`KAIKU_PART=${part}: expected only or shared, with KAIKU_ENGINE=chromium`);
    return part === 'only' ? only : shared;
  }
  return engine === 'chromium' || env.KAIKU_ALL_FILES === '1' ? all : shared;
}
