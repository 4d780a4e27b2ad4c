// End-to-end harness for <kaiku-scanner>: the real sandbox, the demo pages bundled by scripts/start.mjs and served
// with the strict CSP header, and the machine's Chromium driven by playwright-core. Keys are real key events sent
// through CDP (Input.dispatchKeyEvent), the way a USB wedge reader types.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { toApiShow } from '@kaiku-scanner/core';
import { createApiClient } from '../../packages/core/src/api/create-api-client.js';
import { importSalesReport } from '../../packages/core/src/reports/import-sales-report.js';
import { SEED_VENUE, helsinkiDay, seedShows } from '@kaiku-scanner/sandbox/seed';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { closeContexts, sharedChromium, sharedStack } from './e2e-shared.js';
import type { FaultProxy } from './fault-proxy.js';
import { PERSON_REACTION_MS } from './person.js';
// @ts-expect-error plain .mjs without types
import { chromiumArgs, chromiumPath } from './chromium.mjs';
// @ts-expect-error plain .mjs without types
import { root } from '../../scripts/start.mjs';

export type Harness = {
  readonly browser: Browser;
  readonly apiUrl: string;
  readonly webUrl: string;
  /** With `proxy: true`: the fault proxy the demo reaches the sandbox through (`offline()` makes it go away). */
  readonly proxy: FaultProxy | undefined;
};

export type HarnessOptions = {
  readonly extraArgs?: readonly string[];
  /** Serve the demo with the API behind a fault proxy, so a test can make Kaikukanta go away and come back. */
  readonly proxy?: boolean;
};

/**
 * The worker's sandbox, demo server (and proxy) and Chromium for the test file (e2e-shared.ts), the sandbox reset
 * before each test. After the file its browser contexts still open are closed and the proxy is back online, so the
 * next file starts as on a fresh harness. Returns a getter for the harness.
 */
export function useHarness(options: HarnessOptions = {}): () => Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    const [stack, browser] = await Promise.all([
      sharedStack(options.proxy ?? false),
      sharedChromium(options.extraArgs),
    ]);
    h = { browser, apiUrl: stack.apiUrl, webUrl: stack.webUrl, proxy: stack.proxy };
  });
  afterAll(async () => {
    await closeContexts(h?.browser);
    await h?.proxy?.online();
  });
  beforeEach(async () => {
    const res = await fetch(`${h!.apiUrl}/__sandbox/reset`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.ok).toBe(true);
  });
  return () => h!;
}

type Elsewhere = {
  terminal?: string;
  channel?: 'box-office' | 'reservation' | 'ticket-agent';
  token?: string;
  /** A ticket agent's venue ID: its sale for the seed venue's show (`forVenueId`). */
  agent?: string;
  childTickets?: number;
};

/**
 * Another terminal of the venue (a headless client, `terminal`, signed in with `token`) asks the API at `apiUrl` to
 * register the card for a show of today's seed, at once: Kaikukanta's answer, as it came.
 */
export function postElsewhere(
  apiUrl: string,
  cardId: string,
  showId: string,
  {
    terminal = 'Kassa B',
    channel = 'box-office',
    token = 'demo-token',
    agent,
    childTickets = 0,
  }: Elsewhere = {},
): Promise<Response> {
  const show = seedShows(helsinkiDay(new Date())).find((s) => s.id === showId)!;
  const body = {
    venueId: agent ?? SEED_VENUE.id,
    ...(agent ? { forVenueId: SEED_VENUE.id } : {}),
    show: toApiShow(show),
    cardId,
    childTickets,
    channel,
    mode: 'booking',
    clientTime: new Date().toISOString(),
    terminal,
  };
  return fetch(`${apiUrl.replace(/\/$/, '')}/v1/usages`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `elsewhere-${crypto.randomUUID()}`,
    },
    body: JSON.stringify(body),
  });
}

/**
 * `postElsewhere`, as a race with a page: decided in well under the page's own tally refresh. Resolves to whether
 * Kaikukanta took it (409/422: refused).
 */
export async function registerElsewhere(
  apiUrl: string,
  cardId: string,
  showId: string,
  options: Elsewhere = {},
): Promise<boolean> {
  const res = await postElsewhere(apiUrl, cardId, showId, options);
  expect([200, 201, 409, 422]).toContain(res.status);
  return res.status < 300;
}

/**
 * A ticket agent's sale of the card for a show of today's seed, as the venue receives it (issue 62): a row of the
 * agent's sales file (event name, Helsinki date and time, no show ID), imported with `importSalesReport` as
 * `kaiku-import` does. The import must resolve the row to the terminal's own show ID. Resolves to whether it was
 * registered (a card already used for the show is not).
 */
export async function importAgentSale(
  apiUrl: string,
  cardId: string,
  showId: string,
  agent: string,
): Promise<boolean> {
  const show = toApiShow(seedShows(helsinkiDay(new Date())).find((s) => s.id === showId)!);
  const [, y, mo, d, hh, mm] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(show.start)!;
  const file = [
    'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä',
    `${cardId};1;0;${show.name};${Number(d)}.${Number(mo)}.${y} klo ${hh}.${mm}`,
  ].join('\r\n');
  const client = createApiClient({ baseUrl: apiUrl, getToken: () => 'demo-token' });
  const imported = await importSalesReport(file, { venueId: agent, forVenueId: SEED_VENUE.id, client });
  expect(
    imported.shows.map((m) => [m.showId, m.how]),
    "the agent's row, resolved",
  ).toEqual([[showId, 'matched']]);
  expect(imported.counts.invalid, `the agent's row refused: ${JSON.stringify(imported.invalid)}`).toBe(0);
  return imported.counts.registered === 1;
}

/** Usages the sandbox at `apiUrl` holds for this card and show (`/__sandbox/usages/count`). */
export async function countUsages(apiUrl: string, cardId: string, showId: string): Promise<number> {
  const res = await fetch(`${apiUrl}/__sandbox/usages/count?cardId=${cardId}&showId=${showId}`, {
    headers: { authorization: 'Bearer test-support' },
  });
  return ((await res.json()) as { count: number }).count;
}

/** A CSS selector for a part of the element (`part('result')`). */
export const part = (p: string): string => `kaiku-scanner [part~="${p}"]`;

export type ScannerPage = {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly cdp: CDPSession;
  readonly errors: string[];
};

type KeyTimes = Window & { __kaikuLastRead?: number };

/** The page's `keyboard.press` for a person: Enter and Tab wait until `PERSON_REACTION_MS` after the last read card. */
function asAPerson(page: Page): void {
  const press = page.keyboard.press.bind(page.keyboard);
  page.keyboard.press = async (key, options) => {
    if (key === 'Enter' || key === 'Tab')
      await page.waitForFunction(
        (ms) => performance.now() - ((window as KeyTimes).__kaikuLastRead ?? -Infinity) >= ms,
        PERSON_REACTION_MS,
        { polling: 10 },
      );
    return press(key, options);
  };
}

/** Opens the demo box office in a fresh context (fresh IndexedDB), optionally in a language and colour scheme. */
export async function openBoxOffice(
  h: Harness,
  opts: {
    lang?: 'fi' | 'sv' | 'en';
    width?: number;
    colorScheme?: 'light' | 'dark';
    path?: string;
    /** Runs before the page loads (e.g. `context.route(…)` to slow down or fail a chunk). */
    beforeLoad?: (context: BrowserContext) => Promise<unknown>;
    /** A context of its own (e.g. a persistent profile from `launchProfile`) instead of a fresh one. */
    context?: BrowserContext;
  } = {},
): Promise<ScannerPage> {
  const context =
    opts.context ??
    (await h.browser.newContext({
      viewport: { width: opts.width ?? 1280, height: 900 },
      colorScheme: opts.colorScheme ?? 'light',
      reducedMotion: 'reduce',
    }));
  await opts.beforeLoad?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A 404 from the API (an unregistered card) is an expected answer; other failed loads are caught below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(h.webUrl)) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener(
      'kaiku-scan',
      () => ((window as KeyTimes).__kaikuLastRead = performance.now()),
      {
        capture: true,
      },
    );
  });
  asAPerson(page);
  await page.goto(`${h.webUrl}${opts.path ?? '/box-office/'}`);
  await page.waitForFunction(() => {
    const el = document.querySelector('kaiku-scanner');
    return !!el && !!el.shadowRoot && (el.baseUrl !== '' || el.registry === 'none');
  });
  if (opts.lang) await setLang(page, opts.lang);
  const cdp = await context.newCDPSession(page);
  return { page, context, cdp, errors };
}

/** Starts collecting the element's `kaiku-error` details on the page; the returned function reads them. */
export async function recordErrors(
  s: ScannerPage,
): Promise<() => Promise<{ code: string; stage: string }[]>> {
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

export async function setLang(page: Page, lang: 'fi' | 'sv' | 'en'): Promise<void> {
  await page.evaluate((l) => {
    const el = document.querySelector('kaiku-scanner');
    if (el) el.lang = l;
  }, lang);
}

const KEY_CODES: Record<string, { code: string; vk: number }> = { Enter: { code: 'Enter', vk: 13 } };

function keyInfo(ch: string): { key: string; code: string; vk: number; text: string; shift: boolean } {
  if (/^[0-9]$/.test(ch))
    return { key: ch, code: `Digit${ch}`, vk: ch.charCodeAt(0), text: ch, shift: false };
  if (/^[A-Z]$/.test(ch)) return { key: ch, code: `Key${ch}`, vk: ch.charCodeAt(0), text: ch, shift: true };
  if (/^[a-z]$/.test(ch))
    return {
      key: ch,
      code: `Key${ch.toUpperCase()}`,
      vk: ch.toUpperCase().charCodeAt(0),
      text: ch,
      shift: false,
    };
  const named = KEY_CODES[ch];
  if (named)
    return { key: ch, code: named.code, vk: named.vk, text: ch === 'Enter' ? '\r' : '', shift: false };
  return { key: ch, code: '', vk: 0, text: ch, shift: false };
}

/**
 * Types like a USB wedge reader: real key events through CDP, Shift for capitals, then Enter. Each event carries an
 * explicit `timestamp` `gapMs` after the previous one (that is what `event.timeStamp` reports), and the events are
 * queued back to back, so a busy test machine cannot stretch the burst into something that looks like typing.
 */
export async function wedgeScan(cdp: CDPSession, text: string, gapMs = 6): Promise<void> {
  let t = Date.now() / 1000;
  const at = (): number => (t += gapMs / 1000);
  const sends: Promise<unknown>[] = [];
  for (const ch of [...text, 'Enter']) {
    const k = keyInfo(ch);
    const modifiers = k.shift ? 8 : 0;
    const shift = { key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 };
    if (k.shift)
      sends.push(
        cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...shift, modifiers: 8, timestamp: t }),
      );
    sends.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: k.text ? 'keyDown' : 'rawKeyDown',
        key: k.key,
        code: k.code,
        windowsVirtualKeyCode: k.vk,
        text: k.text,
        unmodifiedText: k.text.toLowerCase(),
        modifiers,
        timestamp: t,
      }),
    );
    sends.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        key: k.key,
        code: k.code,
        windowsVirtualKeyCode: k.vk,
        modifiers,
        timestamp: t + 0.002,
      }),
    );
    if (k.shift)
      sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...shift, timestamp: t + 0.003 }));
    at();
  }
  await Promise.all(sends);
  // The stamps run ahead of the clock: return once it has passed the burst's end and a reader's CR+LF window, so a
  // key the test presses next (an Enter confirming the card) is later than the scan, as a person's would be.
  const aheadMs = t * 1000 - Date.now() + 50;
  if (aheadMs > 0) await new Promise((resolve) => setTimeout(resolve, aheadMs));
}

/** Presses one key through CDP (keyboard-only operation). */
export async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
}

/** The element's current flow phase, read from the rendered stage. */
export async function stageText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      document
        .querySelector('kaiku-scanner')
        ?.shadowRoot?.querySelector('.stage')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? '',
  );
}

/**
 * Waits until the element's `name` part is visible; if it never is, the error says what the element showed instead
 * (its stage text), so a failure in a CI log names its cause.
 */
export async function waitForPart(page: Page, name: string, timeout = 30_000): Promise<void> {
  try {
    await page.locator(part(name)).waitFor({ timeout });
  } catch (error) {
    const shown = await stageText(page).catch((e: unknown) => `(unreadable: ${String(e)})`);
    throw new Error(`part "${name}" not visible after ${timeout} ms; the element showed: ${shown}`, {
      cause: error,
    });
  }
}

/** Waits until the shadow root has an element matching `selector`. */
export async function waitInShadow(page: Page, selector: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (sel) => !!document.querySelector('kaiku-scanner')?.shadowRoot?.querySelector(sel),
    selector,
    { timeout },
  );
}

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.x A/AA + 2.2) on the page, shadow DOM included; returns the violations. */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  // axe-core (654 KB) once per page, not once per check.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            o: unknown,
          ) => Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }>;
          }>;
        };
      }
    ).axe;
    const res = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
}

export const screenshotDir = path.join(root, 'test-results', 'screenshots');

/** Screenshots the element at 320 px and 1920 px wide: `<state>-<lang>-<width>.png`. */
export async function screenshotState(page: Page, state: string, lang: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  for (const width of [320, 1920]) {
    await page.setViewportSize({ width, height: width === 320 ? 900 : 1080 });
    await page.waitForTimeout(50);
    await page
      .locator('kaiku-scanner')
      .screenshot({ path: path.join(screenshotDir, `${state}-${lang}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Chromium with a real profile whose preferences are `prefs` (e.g. site data blocked:
 * `{ profile: { default_content_setting_values: { cookies: 2 } } }`); the profile is removed when it closes.
 */
export async function launchProfile(prefs: object): Promise<BrowserContext> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaiku-profile-'));
  mkdirSync(path.join(dir, 'Default'));
  writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify(prefs));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs.filter((a: string) => !a.startsWith('--headless')),
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  const close = context.close.bind(context);
  context.close = async (options) => {
    await close(options); // the browser has exited: nothing writes to the profile any more
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  return context;
}
