// The demo box office against the real sandbox for the Firefox and WebKit end-to-end tests (engines*.e2e.test.ts):
// the stack (sandbox, a fault proxy in front of it, the demo served with its strict CSP), shared by the files of a
// vitest worker (e2e-shared.ts) and reset before each test, and the steps of a clerk (reader-speed scans, key presses, waits on the element).
// Every wait is for an event (a DOM mutation in the element, an answer), bounded only so a hang fails clearly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { sharedStack } from './e2e-shared.js';
import type { EngineTab } from './engine-driver.js';
import type { FaultProxy } from './fault-proxy.js';
import { keyTap, type KeyEvent } from './key-taps.js';
import { PERSON_REACTION_MS } from './person.js';
// @ts-expect-error plain .mjs without types
import { root } from '../../scripts/start.mjs';

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** The running stack (filled in once the file's `beforeAll` has run). */
export type BoxOfficeStack = {
  sandbox: { url: string };
  proxy: FaultProxy;
  web: { url: string };
  /** The sandbox's usages of a card for a show. */
  usageCount(cardId: string, showId?: string): Promise<number>;
  /** The demo box office's address, for the show Taikuri Matti. */
  boxOffice(lang?: string): string;
};

/**
 * The worker's stack for this test file (e2e-shared.ts: the sandbox, the fault proxy, the demo served through it);
 * the sandbox reset and the proxy online before each test, and the proxy online again after the file.
 */
export function useBoxOfficeStack(): BoxOfficeStack {
  const stack = {
    async usageCount(cardId: string, showId = 'hilla-taikuri-matti') {
      const url = `${stack.sandbox.url.replace(/\/$/, '')}/__sandbox/usages/count?cardId=${cardId}&showId=${showId}`;
      const res = await fetch(url, { headers: { authorization: 'Bearer test-support' } });
      return ((await res.json()) as { count: number }).count;
    },
    boxOffice: (lang = 'en') => `${stack.web.url}/box-office/?show=hilla-taikuri-matti&lang=${lang}`,
  } as BoxOfficeStack;

  beforeAll(async () => {
    const shared = await sharedStack(true);
    stack.sandbox = { url: shared.sandboxUrl };
    stack.proxy = shared.proxy!;
    stack.web = { url: shared.webUrl };
  });

  afterAll(async () => {
    await stack.proxy?.online();
  });

  beforeEach(async () => {
    await stack.proxy.online();
    const res = await fetch(`${stack.sandbox.url.replace(/\/$/, '')}/__sandbox/reset`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.ok).toBe(true);
  });
  return stack;
}

/** axe-core (WCAG 2.x A/AA + 2.2) on the tab's page, shadow DOM included: the violations. */
export async function axeViolations(tab: EngineTab): Promise<Array<{ id: string; nodes: string[] }>> {
  // axe-core (654 KB) once per page, not once per check.
  if (!(await tab.run<boolean>('return !!window.axe;'))) await tab.run(`${axeSource}\nreturn true;`);
  return tab.run(`
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));`);
}

/**
 * Resolves once `predicate` (an expression over `root`, the element's shadow root) holds, re-checked on every
 * mutation inside the element; fails after `timeoutMs` naming the predicate.
 */
export async function until(tab: EngineTab, predicate: string, timeoutMs = 20_000): Promise<void> {
  // Long waits go in slices: a WebDriver script may run 30 s at most.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const slice = Math.min(20_000, Math.max(0, deadline - Date.now()));
    const held = await tab.run<boolean>(`
      const el = document.querySelector('kaiku-scanner');
      await customElements.whenDefined('kaiku-scanner');
      const root = el.shadowRoot;
      const check = () => { try { return Boolean(${predicate}); } catch { return false; } };
      if (check()) return true;
      return await new Promise((resolve) => {
        const observer = new MutationObserver(() => { if (check()) done(true); });
        const timer = setTimeout(() => done(false), ${slice});
        const done = (value) => { observer.disconnect(); clearTimeout(timer); resolve(value); };
        observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
      });`);
    if (held) return;
    if (Date.now() >= deadline) {
      const state = await tab.run<string>(`
        const root = document.querySelector('kaiku-scanner')?.shadowRoot;
        const parts = [...(root?.querySelectorAll('[part]') ?? [])].map((p) => p.getAttribute('part'));
        return document.visibilityState + ' | ' + parts.join(',') + ' | ' +
          (root?.querySelector('.stage')?.textContent ?? '').replace(/\\s+/g, ' ').slice(0, 300);`);
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${predicate} (${state})`);
    }
  }
}

export const part = (p: string) => `root.querySelector('[part~="${p}"]')`;
export const pending = (n: number) =>
  `root.querySelector('[data-pending]')?.getAttribute('data-pending') === '${n}'`;

const READER_GAP_MS = 6;
/** How much longer than asked a driver may make a gap before the keys are no longer a reader's. */
const DISTORTION_MS = 15;

/**
 * A USB reader: each key 6 ms after the one before, then Enter; resolves once `expected` holds. The page stamps these
 * keys on arrival and a loaded machine can make the driver stall one for tens of milliseconds — then the keys were
 * not a reader's. Only in that case (checked against the schedule) is the scan repeated, after Escape, up to four
 * runs; if every run was distorted the test is skipped with that reason. Keys that arrived as asked and did not
 * give `expected` fail the test.
 */
export async function scan(
  ctx: { skip(note?: string): void },
  tab: EngineTab,
  id: string,
  expected: string,
): Promise<void> {
  const events = [
    ...Array.from(id).flatMap((c, i) => keyTap(c, i === 0 ? 0 : READER_GAP_MS)),
    ...keyTap('Enter', READER_GAP_MS),
  ];
  let last = '';
  for (let run = 1; run <= 4; run += 1) {
    await tab.run(`window.__keys = []; return true;`);
    await tab.keys(events);
    const times = await tab.run<number[]>(`return window.__keys;`);
    const asked = events.map((e) => e.delayMs ?? 0);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const bad =
      times.length !== events.length ? -1 : gaps.findIndex((g, i) => g > asked[i + 1]! + DISTORTION_MS);
    if (bad === -1 && times.length === events.length) {
      await until(tab, expected);
      return;
    }
    last =
      bad === -1
        ? `${times.length} of ${events.length} key events arrived`
        : `a gap of ${gaps[bad]!.toFixed(0)} ms, asked ${asked[bad + 1]} ms`;
    // Distorted: it may still have been read; otherwise start over.
    try {
      await until(tab, expected, 3_000);
      return;
    } catch {
      await press(tab, 'Escape');
    }
  }
  ctx.skip(
    `the ${tab === undefined ? '' : 'driver'} could not send reader-speed keys in 4 runs (last: ${last})`,
  );
}

/** A person: 100 ms between keys. */
export const type = (tab: EngineTab, text: string) =>
  tab.keys(Array.from(text).flatMap((c, i) => keyTap(c, i === 0 ? 0 : 100)));

/**
 * One key tap, sent again when the driver dropped it (WebKitWebDriver drops a lone key now and then: seen once in
 * three loaded runs, an Enter that never arrived). Delivery is read from the page's own key log (`ready`).
 */
export async function press(tab: EngineTab, key: string): Promise<void> {
  // As a person: never within PERSON_REACTION_MS of the last card read (element-harness.ts says why).
  if (key === 'Enter' || key === 'Tab')
    await tab.run(`
      const wait = ${PERSON_REACTION_MS} - (performance.now() - (window.__kaikuLastRead ?? -Infinity));
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return true;`);
  for (let run = 1; run <= 3; run += 1) {
    await tab.run(`window.__keys = []; return true;`);
    await tab.keys(keyTap(key, 0) as KeyEvent[]);
    const arrived = await tab.run<number>(`
      if (window.__keys.length < 2)
        await new Promise((resolve) => {
          window.addEventListener('keyup', resolve, { once: true, capture: true });
          setTimeout(resolve, 2000);
        });
      return window.__keys.length;`);
    if (arrived >= 2) return;
    if (arrived === 1) throw new Error(`the driver delivered ${key}'s keydown but not its keyup`);
  }
  throw new Error(`the driver dropped ${key} in 3 runs`);
}

/** Enter on the card panel, once the panel has taken focus (its count or its confirm button). */
export async function confirm(tab: EngineTab): Promise<void> {
  await until(
    tab,
    `root.activeElement?.matches('[data-autofocus]') && ${part('card-panel')}?.contains(root.activeElement)`,
  );
  await press(tab, 'Enter');
}

/** Opens the box office and waits until the element is configured and shows its cap meter. */
export async function ready(tab: EngineTab): Promise<EngineTab> {
  await tab.run(`
    window.__keys = [];
    for (const type of ['keydown', 'keyup'])
      window.addEventListener(type, (e) => window.__keys.push(e.timeStamp), { capture: true });
    document.addEventListener('kaiku-scan', () => (window.__kaikuLastRead = performance.now()), { capture: true });
    await customElements.whenDefined('kaiku-scanner');
    return true;`);
  await until(tab, `el.baseUrl !== '' && ${part('cap-meter')}`);
  return tab;
}
