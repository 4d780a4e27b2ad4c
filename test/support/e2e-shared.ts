// What the e2e files of one vitest worker share. vitest.e2e.config.ts runs them with `isolate: false`: a worker runs
// file after file in one process, so what this module starts outlives a file. One sandbox process (its SQLite file
// in a temp dir), the demo served straight from it and through a fault proxy, one Chromium per set of flags, one
// Firefox and one WebKit driver (engine-driver.ts); each started when a file first asks for it, and closed when the
// worker stops (e2e-environment.ts). A file sees what a test always saw: the sandbox reset before each test (clock
// and delay too), a fresh browser context (or engine session) per test, and when a file is done its contexts are
// closed and its proxy is back online (useHarness, useBoxOfficeStack).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { launchEngine, type DriverEngine, type EngineBrowser } from './engine-driver.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { startSandboxProcess } from './sandbox-process.js';
// @ts-expect-error plain .mjs without types
import { chromiumArgs, chromiumPath } from './chromium.mjs';
// @ts-expect-error plain .mjs without types
import { serveDemo } from '../../scripts/start.mjs';

export type Stack = {
  /** The sandbox's address, with its trailing slash. */
  readonly sandboxUrl: string;
  /** The same, without it. */
  readonly apiUrl: string;
  /** The demo box office, served with the strict CSP, whose API is the sandbox (or the proxy in front of it). */
  readonly webUrl: string;
  /** With `proxy: true`: the fault proxy the demo reaches the sandbox through. */
  readonly proxy: FaultProxy | undefined;
};

type Closable = { close(): Promise<unknown> };

let sandbox: Promise<{ url: string } & Closable> | undefined;
const stacks = new Map<boolean, Promise<Stack & Closable>>();
const browsers = new Map<string, Promise<Browser>>();
const engines = new Map<DriverEngine, Promise<EngineBrowser>>();

/** A start that failed is forgotten, so the next file tries again (and reports its own error). */
function remember<K, T>(map: Map<K, Promise<T>>, key: K, start: () => Promise<T>): Promise<T> {
  let started = map.get(key);
  if (!started) {
    started = start();
    map.set(key, started);
    started.catch(() => map.delete(key));
  }
  return started;
}

function sharedSandbox(): Promise<{ url: string } & Closable> {
  sandbox ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaiku-e2e-'));
    const child = await startSandboxProcess(path.join(dir, 'e2e.db'));
    return {
      url: child.url,
      async close() {
        await child.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  })();
  sandbox.catch(() => (sandbox = undefined));
  return sandbox;
}

/** The worker's sandbox with the demo served for it, the API straight or (`proxy`) through the fault proxy. */
export function sharedStack(proxy: boolean): Promise<Stack> {
  return remember(stacks, proxy, async () => {
    const { url } = await sharedSandbox();
    const faultProxy = proxy ? await startFaultProxy({ target: url, faultRate: 0 }) : undefined;
    const web = (await serveDemo({ port: 0, apiUrl: faultProxy?.url ?? url, outdir: inject('demoDir') })) as {
      url: string;
    } & Closable;
    return {
      sandboxUrl: url,
      apiUrl: url.replace(/\/$/, ''),
      webUrl: web.url,
      proxy: faultProxy,
      async close() {
        await web.close();
        await faultProxy?.close();
      },
    };
  });
}

/** The worker's Chromium for these flags (beyond chromium.mjs's): one per set of flags. */
export function sharedChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return remember(browsers, extraArgs.join(' '), () =>
    chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [...chromiumArgs.filter((a: string) => !a.startsWith('--headless')), ...extraArgs],
    }),
  );
}

/**
 * The worker's Firefox or WebKit (engine-driver.ts): each session a fresh browsing session of its own (a Firefox
 * browser context, a new MiniBrowser), which each test closes in its `finally`.
 */
export function sharedEngine(engine: DriverEngine): Promise<EngineBrowser> {
  return remember(engines, engine, () => launchEngine(engine));
}

/** Closes what a file left open in a shared browser: its contexts (a page from `browser.newPage()` has its own). */
export async function closeContexts(browser: Browser | undefined): Promise<void> {
  await Promise.all(browser?.contexts().map((c) => c.close()) ?? []);
}

/** Closes all of it: the browsers, the demo servers and proxies, then the sandbox. */
export async function closeShared(): Promise<void> {
  const started = {
    browsers: [...browsers.values(), ...engines.values()],
    stacks: [...stacks.values()],
    sandbox,
  };
  browsers.clear();
  engines.clear();
  stacks.clear();
  sandbox = undefined;
  const close = (all: Array<Promise<Closable> | undefined>) =>
    Promise.allSettled(all.map(async (p) => (await p)?.close()));
  await close(started.browsers);
  await close(started.stacks);
  await close([started.sandbox]);
}

// e2e-environment.ts runs in a module graph of its own (vitest loads an environment apart from the tests): it finds
// this module's `closeShared` here.
(globalThis as Record<symbol, unknown>)[Symbol.for('kaiku.e2e.closeShared')] = closeShared;
