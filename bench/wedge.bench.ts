/**
 * Keyboard-wedge benchmarks.
 * 1. Node: classifier throughput (keys per second, µs per key) over a long mixed stream — readers on US,
 *    Finnish, German and French hosts, people typing, stray keys — side by side with a naive timing-only
 *    buffer that reads `key` (how most wedge helpers work), with the wrong reads each makes on that stream.
 * 2. Headless Chromium (playwright-core, real CDP key events): time from the terminator key to the onScan
 *    callback (median, p95), with focus on the page and in a text field.
 * 3. The size of a page bundle that uses only the wedge listener, and whether any decoder got into it.
 * Run: npm run bench wedge
 */
import { availableParallelism, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { classifyWedgeStream } from '../packages/core/src/input/wedge/wedge-streams.test-support.js';
import {
  emulateReader,
  emulateTyping,
} from '../packages/core/src/input/wedge/emulate-reader.test-support.js';
import type { WedgeLayoutName } from '../packages/core/src/input/wedge/layouts.js';
import type { WedgeClassifierOptions, WedgeRecord } from '../packages/core/src/input/wedge/types.js';
import { parseCardId } from '../packages/core/src/card-id/parse-card-id.js';
// @ts-expect-error -- plain .mjs module without types
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
// @ts-expect-error -- plain .mjs module without types
import { dispatchKeyEvents } from '../test/support/wtr-keyboard-plugin.mjs';

const READINGS = 2000;
const BROWSER_READINGS = 150;

function stats(samples: readonly number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

/** A deterministic pseudo-random sequence (the same stream in every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function cardIds(n: number, rnd: () => number): string[] {
  const prefixes = ['A', 'Y', 'X', 'Z', 'AM', 'YM'];
  return Array.from({ length: n }, () => {
    const p = prefixes[Math.floor(rnd() * prefixes.length)] ?? 'A';
    const len = p.length === 2 ? 8 : 9;
    return p + Array.from({ length: len }, () => Math.floor(rnd() * 10)).join('');
  });
}

type Mixed = { records: WedgeRecord[]; ids: string[]; host: WedgeLayoutName };

/** Readings from a US-programmed reader on `host`, with a person typing between them. */
function mixedStream(host: WedgeLayoutName, seed: number): Mixed {
  const rnd = lcg(seed);
  const ids = cardIds(READINGS, rnd);
  const records: WedgeRecord[] = [];
  let t = 1000;
  for (const id of ids) {
    const burst = emulateReader(id, {
      readerLayout: 'us',
      hostLayout: host,
      gapMs: () => 1 + Math.floor(rnd() * 20),
      start: t,
    });
    records.push(...burst);
    t = (burst[burst.length - 1]?.timeStamp ?? t) + 400;
    const typed = emulateTyping('order 12', {
      start: t,
      gapMs: 80 + Math.floor(rnd() * 170),
      host,
      enter: rnd() < 0.5,
    });
    records.push(...typed);
    t = (typed[typed.length - 1]?.timeStamp ?? t) + 400;
  }
  return { records, ids, host };
}

/** The usual approach: collect `key` characters typed less than 50 ms apart, take them on Enter. */
function naiveClassify(records: readonly WedgeRecord[]): string[] {
  const out: string[] = [];
  let buffer = '';
  let last = -Infinity;
  for (const r of records) {
    if (r.type !== 'keydown') continue;
    if (r.key === 'Enter') {
      const parsed = buffer.length >= 5 ? parseCardId(buffer) : undefined;
      if (parsed?.ok === true) out.push(parsed.id);
      buffer = '';
      continue;
    }
    if (r.key.length !== 1) continue;
    buffer = r.timeStamp - last < 50 ? buffer + r.key : r.key;
    last = r.timeStamp;
  }
  return out;
}

function tally(read: readonly string[], ids: readonly string[]): { right: number; wrong: number } {
  const presented = new Set(ids);
  const wrong = read.filter((id) => !presented.has(id)).length;
  return { right: read.length - wrong, wrong };
}

function benchNode(): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [];
  const configs: [string, WedgeLayoutName, WedgeClassifierOptions][] = [
    ['kaiku auto', 'us', {}],
    ['kaiku auto', 'fi', {}],
    ['kaiku auto', 'de', {}],
    ['kaiku layout us', 'de', { layout: 'us' }],
    ['kaiku layout us', 'fr', { layout: 'us' }],
  ];
  for (const [name, host, options] of configs) {
    const { records, ids } = mixedStream(host, 42);
    const keys = records.filter((r) => r.type === 'keydown').length;
    const times: number[] = [];
    let read: string[] = [];
    let refused = 0;
    for (let round = 0; round < 7; round++) {
      const start = performance.now();
      const effects = classifyWedgeStream(records, options);
      times.push(performance.now() - start);
      read = effects.flatMap((e) => (e.kind === 'scan' ? [e.scan.id] : []));
      refused = effects.filter((e) => e.kind === 'error').length;
    }
    const { median } = stats(times);
    const t = tally(read, ids);
    rows.push({
      classifier: name,
      host,
      readings: ids.length,
      'read right': t.right,
      'read wrong': t.wrong,
      refused,
      'keys/s': Math.round(keys / (median / 1000)),
      'µs/key': ((median * 1000) / keys).toFixed(2),
    });
  }
  for (const host of ['us', 'fi', 'de', 'fr'] as const) {
    const { records, ids } = mixedStream(host, 42);
    const keys = records.filter((r) => r.type === 'keydown').length;
    const times: number[] = [];
    let read: string[] = [];
    for (let round = 0; round < 7; round++) {
      const start = performance.now();
      read = naiveClassify(records);
      times.push(performance.now() - start);
    }
    const { median } = stats(times);
    const t = tally(read, ids);
    rows.push({
      classifier: 'naive key buffer',
      host,
      readings: ids.length,
      'read right': t.right,
      'read wrong': t.wrong,
      refused: 0,
      'keys/s': Math.round(keys / (median / 1000)),
      'µs/key': ((median * 1000) / keys).toFixed(2),
    });
  }
  return rows;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'es2022',
    conditions: ['source', 'browser'],
    logLevel: 'error',
  });
  return result.outputFiles[0]?.text ?? '';
}

type KeyEvent = { type: 'keydown' | 'keyup'; key: string; code: string; shiftKey?: boolean; delayMs: number };

function keyEvents(id: string, rnd: () => number): KeyEvent[] {
  const records = emulateReader(id, { gapMs: () => 1 + Math.floor(rnd() * 10) });
  let last: number | undefined;
  return records.flatMap((r): KeyEvent[] => {
    if (r.type === 'input') return [];
    const delayMs = last === undefined ? 0 : Math.max(0, Math.round(r.timeStamp - last));
    last = r.timeStamp;
    return [{ type: r.type, key: r.key, code: r.code, shiftKey: r.shiftKey, delayMs }];
  });
}

/** In-page setup: the listener, and latency from the terminator's keydown / keyup to onScan. */
const PAGE_SETUP = `function (inField) {
  const lat = { down: [], up: [], ids: [], errors: [] };
  let downAt = 0;
  let upAt = 0;
  addEventListener('keydown', (e) => { if (e.key === 'Enter') downAt = performance.now(); }, { capture: true });
  addEventListener('keyup', (e) => { if (e.key === 'Enter') upAt = performance.now(); }, { capture: true });
  globalThis.createWedgeListener({
    target: document,
    onScan: (scan) => {
      const now = performance.now();
      lat.down.push(now - downAt);
      lat.up.push(now - upAt);
      lat.ids.push(scan.id);
    },
    onError: (error) => lat.errors.push(error.code),
  });
  globalThis.lat = lat;
  if (inField) document.getElementById('f').focus();
}`;

async function benchBrowser(script: string): Promise<Record<string, string | number>[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath as string,
    args: (chromiumArgs as string[]).filter((a) => !a.startsWith('--headless')),
    headless: true,
  });
  const rows: Record<string, string | number>[] = [];
  try {
    for (const focus of ['page', 'text field'] as const) {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><input id="f">');
      await page.addScriptTag({ content: script });
      // A string, not a function: tsx would inject helpers the page does not have.
      await page.evaluate(`(${PAGE_SETUP})(${focus === 'text field'})`);
      const cdp = await page.context().newCDPSession(page);
      const rnd = lcg(7);
      const ids = cardIds(BROWSER_READINGS, rnd);
      for (const id of ids) {
        await dispatchKeyEvents(cdp, keyEvents(id, rnd));
        await new Promise((r) => setTimeout(r, 150));
      }
      await new Promise((r) => setTimeout(r, 300));
      const lat = (await page.evaluate('globalThis.lat')) as {
        down: number[];
        up: number[];
        ids: string[];
        errors: string[];
      };
      const t = tally(lat.ids, ids);
      const down = stats(lat.down);
      const up = stats(lat.up);
      const fieldValue = (await page.evaluate("document.getElementById('f').value")) as string;
      rows.push({
        focus,
        readings: ids.length,
        'read right': t.right,
        'read wrong': t.wrong,
        refused:
          lat.errors.length === 0 ? 0 : `${lat.errors.length} (${[...new Set(lat.errors)].join(', ')})`,
        'Enter keydown handled→onScan median ms': down.median.toFixed(2),
        'p95 ms': down.p95.toFixed(2),
        'Enter keyup handled→onScan median ms': up.median.toFixed(2),
        'p95 ms ': up.p95.toFixed(2),
        'chars left in field': fieldValue.length,
      });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return rows;
}

console.log(`machine: ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}`);
console.log(`\nClassifier in Node (${READINGS} readings from a US-programmed reader + typing between them):`);
console.table(benchNode());

const wedgeOnly = await bundle(
  "import { createWedgeListener } from '@kaiku-scanner/core/wedge'; globalThis.createWedgeListener = createWedgeListener;",
);
const decoders = ['@zxing', 'BrowserMultiFormatReader', 'quagga', 'zxing_reader', 'BarcodeDetector'].filter(
  (m) => wedgeOnly.includes(m),
);
console.log('\nA page that uses only the wedge listener (esbuild, minified):');
console.table([
  {
    bytes: wedgeOnly.length,
    'gzip bytes': gzipSync(wedgeOnly).length,
    'decoder code included': decoders.length === 0 ? 'none' : decoders.join(', '),
  },
]);

console.log(
  `\nHeadless Chromium, real CDP key events, reader at 1–10 ms per key (${BROWSER_READINGS} readings each):`,
);
console.table(await benchBrowser(wedgeOnly));
console.log(
  'Times are from when the page handled the Enter event (capture listener on window) to onScan. From the keydown this\n' +
    'includes the reader holding Enter: the scan is reported on its keyup, so that a key a person presses meanwhile can\n' +
    'refuse it. Key events carry their scheduled time as event.timeStamp (as an OS stamps real keys); see wtr-keyboard-plugin.mjs.',
);
