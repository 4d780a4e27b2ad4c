// Work per frame of decodeImage's JavaScript passes, counted, not timed (issue 15, item 5): V8's precise block
// coverage (Chrome DevTools Protocol, `Profiler.startPreciseCoverage` with call counts) counts every executed
// block of the page's script, so the figures are the same on a quiet and on a loaded machine. The WebAssembly
// decoder's work is not counted (it is fixed per frame). Frames: without a card (table, papers, text, noise, as
// `npm run bench decode-unseen` draws them) and the same scenes with a foreign barcode (a ticket) in view, which
// the card filter refuses.
// Usage: npm run bench decode-work
//   env: DECODE_WORK_FRAMES=16, DECODE_WORK_SEED=(unseen seed), DECODE_BENCH_DECODERS=a,b (default: the camera's
//        call), DECODE_WORK_TOP=12 (functions listed), DECODE_WORK_CASES=1 (also the held-out card frames,
//        DECODE_UNSEEN_CONDITIONS=all|a,b, DECODE_UNSEEN_PER_CELL=1)
import { availableParallelism, loadavg } from 'node:os';
import { openHarness } from '../test/support/card-photos/harness.js';
import type { CardPhotosApi } from '../test/support/card-photos/bench-page.js';
import { LATER_CONDITIONS, UNSEEN_CONDITIONS, UNSEEN_SEED } from '../test/support/card-photos/unseen.js';
import type { UnseenCase, UnseenCondition } from '../test/support/card-photos/unseen.js';

const seed = Number(process.env.DECODE_WORK_SEED ?? UNSEEN_SEED);
const frames = Number(process.env.DECODE_WORK_FRAMES ?? 16);
const top = Number(process.env.DECODE_WORK_TOP ?? 12);
const decoders = process.env.DECODE_BENCH_DECODERS?.split(',') ?? ['kaiku (card filter)'];
const conditionsEnv = process.env.DECODE_UNSEEN_CONDITIONS;
const conditions: readonly UnseenCondition[] =
  conditionsEnv === undefined || conditionsEnv === 'all'
    ? [...UNSEEN_CONDITIONS, ...LATER_CONDITIONS]
    : (conditionsEnv.split(',') as UnseenCondition[]);

type Api = { cardPhotos: CardPhotosApi };
type Coverage = {
  result: {
    url: string;
    functions: { functionName: string; ranges: { startOffset: number; count: number }[] }[];
  }[];
};

const harness = await openHarness();
const cdp = await harness.page.context().newCDPSession(harness.page);
await cdp.send('Profiler.enable');
// DECODE_WORK_PROFILE=1: a sampling CPU profile instead (self time per function, WebAssembly included). Its shares
// are roughly right under load; its milliseconds are not.
const profile = process.env.DECODE_WORK_PROFILE !== undefined;
if (!profile) {
  // Block counts exist only for code compiled after this: reload so that the whole bundle is.
  await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  await harness.page.reload();
  await harness.page.waitForFunction(() => 'cardPhotos' in globalThis);
} else {
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
}
const wasmUrl = `${harness.baseUrl}/zxing_reader.wasm`;

type Work = {
  blocks: number;
  perFunction: Map<string, number>;
  /** Calls of the functions in CALLS (coverage only). */
  calls: Map<string, number>;
  read: string | null;
};

/** Functions whose calls are listed: units of work of the passes (a grid decoded, a line read, a profile fitted). */
const CALLS = [
  'readQr',
  'searchQrFromFinders',
  'decodeGrid',
  'locateLinearCodes',
  'readCode39',
  'sampleLines',
  'getBlackRow',
  'decodeRow',
  'readTolerant',
  'readCode39Templates',
  'alignBundle',
  'bundleProfiles',
  'fitCode39Geometries',
  'correlate',
  'flattenProfile',
];
const baseName = (name: string): string => name.replace(/^.*\./, '').replace(/\d+$/, '');

/** Decodes the staged frame once and returns the blocks executed while it did (the counters reset on every take). */
async function countDecode(decoder: string): Promise<Work> {
  if (profile) return profileDecode(decoder);
  await cdp.send('Profiler.takePreciseCoverage');
  const read = await harness.page.evaluate(
    ([url, name]) => (globalThis as unknown as Api).cardPhotos.decodeStaged({ wasmUrl: url, decoder: name }),
    [wasmUrl, decoder] as const,
  );
  const { result } = (await cdp.send('Profiler.takePreciseCoverage')) as unknown as Coverage;
  const perFunction = new Map<string, number>();
  const calls = new Map<string, number>();
  let blocks = 0;
  for (const script of result) {
    if (!script.url.startsWith(harness.baseUrl)) continue;
    for (const fn of script.functions) {
      const base = baseName(fn.functionName);
      if (CALLS.includes(base)) calls.set(base, (calls.get(base) ?? 0) + (fn.ranges[0]?.count ?? 0));
      let sum = 0;
      for (const r of fn.ranges) sum += r.count;
      if (sum === 0) continue;
      blocks += sum;
      const key = fn.functionName || '(anonymous)';
      perFunction.set(key, (perFunction.get(key) ?? 0) + sum);
    }
  }
  return { blocks, perFunction, calls, read };
}

/** Functions whose inclusive time the profile lists: decodeImage's steps and passes. */
const INCLUSIVE = new Set([
  'decodeWithWasm',
  'readPixels',
  'toGrey',
  'runStages',
  'stretchContrast',
  'locateLinearCodes',
  'readQr',
  'readCode39',
  'readCode39Profiles',
  'readCode39Templates',
  'alignBundle',
  'fitCode39Geometries',
  'readCode39Characters',
  'flattenProfile',
  'searchQrFromFinders',
  'qrFromGrid',
]);

type CpuProfile = {
  profile: {
    nodes: {
      id: number;
      children?: number[];
      callFrame: { functionName: string; url: string; lineNumber: number };
    }[];
    samples: number[];
    timeDeltas: number[];
  };
};

/** The same, as a sampling profile: self time (µs) per function; `blocks` is then the total sampled µs. */
async function profileDecode(decoder: string): Promise<Work> {
  await cdp.send('Profiler.start');
  const read = await harness.page.evaluate(
    ([url, name]) => (globalThis as unknown as Api).cardPhotos.decodeStaged({ wasmUrl: url, decoder: name }),
    [wasmUrl, decoder] as const,
  );
  const { profile: p } = (await cdp.send('Profiler.stop')) as unknown as CpuProfile;
  const names = new Map(
    p.nodes.map((n) => [
      n.id,
      n.callFrame.functionName ||
        `(anonymous ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1})`,
    ]),
  );
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const perFunction = new Map<string, number>();
  let blocks = 0;
  p.samples.forEach((id, i) => {
    const name = names.get(id) ?? '?';
    if (name === '(idle)' || name === '(program)') return;
    const dt = p.timeDeltas[i] ?? 0;
    blocks += dt;
    perFunction.set(name, (perFunction.get(name) ?? 0) + dt);
    // Inclusive time of the passes (a name on the sample's stack), listed as "> name".
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const caller = names.get(at) ?? '?';
      if (INCLUSIVE.has(caller)) onStack.add(caller);
    }
    for (const caller of onStack) perFunction.set(`> ${caller}`, (perFunction.get(`> ${caller}`) ?? 0) + dt);
  });
  return { blocks, perFunction, calls: new Map(), read };
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};
// Coverage: millions of blocks; profile: milliseconds sampled.
const mega = (n: number): string => (profile ? `${(n / 1e3).toFixed(1)} ms` : `${(n / 1e6).toFixed(2)} M`);

function report(title: string, works: Work[]): void {
  const blocks = works.map((w) => w.blocks);
  const total = blocks.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `\n${title}: ${works.length} frames, ${profile ? 'sampled time' : 'blocks executed'} per frame median ${mega(quantile(blocks, 0.5))}, ` +
      `p95 ${mega(quantile(blocks, 0.95))}, max ${mega(Math.max(...blocks))}, total ${mega(total)}; ` +
      `reads: ${works.filter((w) => w.read !== null).length}\n`,
  );
  const sums = new Map<string, number>();
  for (const w of works) for (const [k, v] of w.perFunction) sums.set(k, (sums.get(k) ?? 0) + v);
  if (process.env.DECODE_WORK_VERBOSE) {
    works.forEach((w, k) => {
      const passes = [...w.perFunction]
        .filter(([name]) => name.startsWith('> ') || top === 0)
        .sort((a, b) => b[1] - a[1])
        .map(([name, n]) => `${name.slice(2)} ${mega(n)}`)
        .join(', ');
      const counted = [...w.calls]
        .filter(([, n]) => n > 0)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
      process.stdout.write(`  frame ${k}: ${mega(w.blocks)}; ${profile ? passes : counted}\n`);
    });
  }
  if (!profile) {
    const line = CALLS.map((name) => {
      const n = works.reduce((a, w) => a + (w.calls.get(name) ?? 0), 0) / works.length;
      return n > 0 ? `${name} ${n >= 100 ? n.toFixed(0) : n.toFixed(1)}` : '';
    })
      .filter((x) => x !== '')
      .join(', ');
    process.stdout.write(`  calls per frame: ${line}\n`);
  }
  for (const [name, n] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`  ${name.padEnd(32)} ${mega(n / works.length).padStart(10)} per frame\n`);
  }
}

try {
  for (const decoder of decoders) {
    // Warm-up: lazy imports, wasm instantiation, template caches (counted work is what a running camera pays).
    await harness.page.evaluate(
      (s) => (globalThis as unknown as Api).cardPhotos.stageEmpty({ seed: s, k: 0, ticket: true }),
      seed - 1,
    );
    await countDecode(decoder);
    for (const ticket of [false, true]) {
      const works: Work[] = [];
      for (let k = 0; k < frames; k++) {
        await harness.page.evaluate(
          ([s, i, t]) => (globalThis as unknown as Api).cardPhotos.stageEmpty({ seed: s, k: i, ticket: t }),
          [seed, k, ticket] as const,
        );
        works.push(await countDecode(decoder));
      }
      report(`${decoder}, no card${ticket ? ', a ticket in view' : ''} (seed ${seed})`, works);
    }
    if (process.env.DECODE_WORK_CASES) {
      const cases: UnseenCase[] = await harness.page.evaluate(
        ([s, n, cs]) =>
          (globalThis as unknown as Api).cardPhotos.listUnseenCases({ seed: s, perCell: n, conditions: cs }),
        [seed, Number(process.env.DECODE_UNSEEN_PER_CELL ?? 1), conditions] as const,
      );
      const works: Work[] = [];
      let ok = 0;
      for (const c of cases) {
        await harness.page.evaluate((one) => (globalThis as unknown as Api).cardPhotos.stageUnseen(one), c);
        const work = await countDecode(decoder);
        if (work.read === c.text) ok++;
        works.push(work);
      }
      report(`${decoder}, held-out card frames (seed ${seed}, ${ok}/${cases.length} read)`, works);
    }
  }
  process.stdout.write(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores (counts do not depend on it)\n`,
  );
} finally {
  await harness.close();
}
