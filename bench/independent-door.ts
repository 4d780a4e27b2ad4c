// The door bench's second half (issue 50.1/50.4): the clips of bench/independent/ played to Chromium's fake camera,
// each once (its own length; `--repeat N`: N times, each play a sample), to the SDK's startCameraScan and to the plain loops, in the same run. Per condition:
// read, time to read after the code is whole in view (p50, signed: a partly visible code may read first), misreads
// (another card ID) and false positives (a card ID in a clip without one); per loop frames decoded per second, with
// and without busy-loop workers spinning in the page (a load spike).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { acceptsCardId } from '../packages/core/src/input/decode/accepts-card-id.js';
import { openDoorHarness } from '../test/support/door-clips/door-harness.js';
import type { LoopName, LoopRun } from '../test/support/door-clips/door-page.js';
import { parseSlowDevice, type SlowDevice } from '../test/support/door-clips/slow-device.js';

export type IndependentEntry = {
  readonly file: string;
  readonly condition: string;
  readonly expected: string | null;
  readonly fps?: number;
  readonly duration?: number;
  readonly cardVisibleFrom?: number | null;
};
export type IndependentSet = {
  readonly dir: string;
  readonly stills: IndependentEntry[];
  readonly clips: IndependentEntry[];
};

/** The set in `dir` (raw y4m), generated there first by bench/independent/generate.mjs when it has no manifest. */
export function independentSet(dir: string, seed: string, extra: readonly string[] = []): IndependentSet {
  if (!existsSync(`${dir}/manifest.json`))
    execFileSync(
      'node',
      ['bench/independent/generate.mjs', '--seed', seed, '--out', dir, '--raw', '--stills', '4', ...extra],
      { stdio: 'inherit' },
    );
  const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as IndependentSet;
  return { ...manifest, dir: resolve(dir) };
}

type Outcome = {
  readonly loop: LoopName;
  readonly condition: string;
  readonly empty: boolean;
  readonly read: boolean;
  readonly ms: number | null;
  /** From the camera stream's start to the read (what a clerk waits when the card is already held up). */
  readonly fromStart: number | null;
  readonly wrong: number;
  readonly fps: number;
  /** Frames decoded per second from the first decoded frame on (the loop's rate, without its start-up). */
  readonly steady: number;
  /** From the stream's start to the first decoded frame (the decoder's start-up). */
  readonly firstFrame: number | null;
  /** A frame's time from its grab to its answer, median (ms). */
  readonly decodeMs: number;
  readonly budget: string | undefined;
  /** The browser's CPU time per decoded frame (ms, every process): what a frame costs the device. */
  readonly cpuPerFrame: number;
};

const steadyRate = (at: number[]): number =>
  at.length < 3 ? Number.NaN : (1000 * (at.length - 1)) / (at[at.length - 1]! - at[0]!);

const quantile = (values: number[], q: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

function outcome(loop: LoopName, clip: IndependentEntry, run: LoopRun, windowMs: number): Outcome {
  const ids = run.reads.filter((r) => acceptsCardId(r.text));
  const first = ids.find((r) => r.text === clip.expected);
  return {
    loop,
    condition: clip.condition,
    empty: clip.expected === null,
    read: first !== undefined,
    ms: first === undefined ? null : first.at - run.origin - 1000 * (clip.cardVisibleFrom ?? 0),
    fromStart: first === undefined ? null : first.at - run.origin,
    wrong: ids.filter((r) => r.text !== clip.expected).length,
    fps: (1000 * run.frames) / windowMs,
    steady: steadyRate(run.decodedAt ?? []),
    firstFrame: run.decodedAt?.[0] === undefined ? null : run.decodedAt[0] - run.origin,
    decodeMs: quantile(run.decodeMs ?? [], 0.5),
    budget: run.budget,
    cpuPerFrame: (run.cpuMs ?? Number.NaN) / Math.max(1, run.frames),
  };
}

function summary(os: Outcome[]): {
  read: number;
  n: number;
  p50: number;
  p95: number;
  wrong: number;
  fps: number;
  steady: number;
} {
  const cards = os.filter((o) => !o.empty);
  const times = cards.flatMap((o) => (o.ms === null ? [] : [o.ms]));
  return {
    read: cards.filter((o) => o.read).length,
    n: cards.length,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    wrong: os.reduce((n, o) => n + o.wrong, 0),
    fps: os.reduce((n, o) => n + o.fps, 0) / Math.max(1, os.length),
    steady: quantile(
      os.flatMap((o) => (Number.isNaN(o.steady) ? [] : [o.steady])),
      0.5,
    ),
  };
}

const cell = (os: Outcome[]): string => {
  const s = summary(os);
  const read = os.some((o) => !o.empty)
    ? `${s.read}/${s.n} ${Number.isNaN(s.p50) ? '–' : s.p50.toFixed(0)}ms`
    : 'empty';
  return `${read}${s.wrong ? ` ${s.wrong}✗` : ''} ${s.fps.toFixed(1)}f/s`;
};

function table(title: string, rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(`\n${title}`);
  for (const [i, row] of rows.entries()) {
    console.log(row.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** One pass of the set: `hogs` busy-loop workers in the page, or a slow device around each browser. */
type Pass = { readonly label: string; readonly hogs: number; readonly slow: SlowDevice };

/** The passes: no load, then `hogs` workers in the page (`-N`: that pass alone), then each slow-device condition. */
export function independentPasses(hogs: number, conditions: readonly string[] = []): Pass[] {
  const none = { name: 'none' };
  const loaded = {
    label: `Under load: ${Math.abs(hogs)} busy-loop workers in the page`,
    hogs: Math.abs(hogs),
    slow: none,
  };
  const base: Pass[] =
    hogs < 0 ? [loaded] : [{ label: 'No added load', hogs: 0, slow: none }, ...(hogs > 0 ? [loaded] : [])];
  return [
    ...base,
    ...conditions
      .map(parseSlowDevice)
      .filter((d) => d.name !== 'none')
      .map((slow) => ({ label: `Slow device: ${describe(slow)}`, hogs: 0, slow })),
  ];
}

const describe = (d: SlowDevice): string =>
  d.devtools
    ? `${d.name} (DevTools CPU throttling ${d.devtools}×: the page's thread only, never a worker)`
    : d.cpu
      ? `${d.name} (the whole browser in a cgroup with ${d.cpu}× less CPU, workers included)`
      : `${d.name} (${d.busy} busy-loop processes beside the browser)`;

export async function benchIndependent(
  set: IndependentSet,
  loops: readonly LoopName[],
  passes: readonly Pass[],
  only?: string,
  repeat = 1,
): Promise<void> {
  const clips = set.clips.filter((c) => c.condition.includes(only ?? '') && c.file.endsWith('.y4m'));
  const harness = await openDoorHarness();
  const outcomes = new Map<Pass, Outcome[]>(passes.map((p) => [p, []]));
  const started = Date.now();
  try {
    for (const [i, clip] of clips.entries()) {
      const windowMs = 1000 * (clip.duration ?? 1.5);
      for (const [pass, r] of passes.flatMap((p) =>
        Array.from({ length: repeat }, (_, r) => [p, r] as const),
      )) {
        // Each clip (and each repeat) starts with the next loop (each loop runs in a browser of its own).
        const first = (i + r) % loops.length;
        const order = [...loops.slice(first), ...loops.slice(0, first)];
        const runs = await harness.runFile(`${set.dir}/${clip.file}`, order, windowMs, pass.hogs, pass.slow);
        const got = runs.map((run, k) => outcome(order[k]!, clip, run, windowMs));
        outcomes.get(pass)!.push(...got);
        process.stderr.write(
          `${clip.file} ${pass.hogs ? `+${pass.hogs} hogs` : pass.slow.name} ${got.map((o) => `${o.loop}:${o.read ? `${o.ms?.toFixed(0)}ms` : '—'}${o.wrong ? ` ${o.wrong}✗` : ''} ${o.fps.toFixed(1)}f/s ${o.decodeMs.toFixed(0)}ms/frame cpu ${o.cpuPerFrame.toFixed(0)}ms/frame${o.budget ? ` ${o.budget}` : ''}`).join(' ')}\n`,
        );
      }
    }
  } finally {
    await harness.close();
  }
  console.log(
    `\nindependent clips (${set.dir}): ${clips.length} clips played ${repeat} time(s) each to Chromium's fake camera` +
      ` (every play a sample); ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s. Cells: read/plays, time to read p50 after the code is whole ` +
      'in view, ✗ misreads + false positives (card IDs), frames decoded per second.',
  );
  for (const pass of passes) {
    const mine = outcomes.get(pass)!;
    const conditions = [...new Set(mine.map((o) => o.condition))];
    const ratio = (os: Outcome[]): string => {
      const [p, z] = ['kaiku', 'zxing-wasm'].map((l) => summary(os.filter((o) => o.loop === l)));
      if (!p || !z) return '';
      return `${(p.p50 / z.p50).toFixed(2)} / ${(p.p95 / z.p95).toFixed(2)} / ${(p.fps / z.fps).toFixed(2)} / ${(p.steady / z.steady).toFixed(2)}`;
    };
    const header = ['condition', ...loops, 'kaiku÷zxing-wasm p50 / p95 / f/s / steady'];
    const rows = conditions.map((c) => {
      const os = mine.filter((o) => o.condition === c);
      return [c, ...loops.map((l) => cell(os.filter((o) => o.loop === l))), ratio(os)];
    });
    rows.push(['all', ...loops.map((l) => cell(mine.filter((o) => o.loop === l))), ratio(mine)]);
    table(`${pass.label} (load average at the end: ${loadavg()[0]!.toFixed(1)})`, [header, ...rows]);
    const totals = loops.map((l) => {
      const s = summary(mine.filter((o) => o.loop === l));
      const starts = mine.flatMap((o) => (o.loop === l && o.fromStart !== null ? [o.fromStart] : []));
      return `${l} read ${s.read}/${s.n}, after in view p50 ${s.p50.toFixed(0)} / p95 ${s.p95.toFixed(0)} ms, from the camera's start p50 ${quantile(starts, 0.5).toFixed(0)} / p95 ${quantile(starts, 0.95).toFixed(0)} ms, ${s.wrong} wrong`;
    });
    console.log(totals.join('\n'));
    const firsts = loops.map((l) => {
      const ms = mine.flatMap((o) => (o.loop === l && o.firstFrame !== null ? [o.firstFrame] : []));
      return `${l} ${quantile(ms, 0.5).toFixed(0)} ms`;
    });
    console.log(`first decoded frame after the stream starts, p50: ${firsts.join(', ')}`);
    const steady = loops.map((l) => `${l} ${summary(mine.filter((o) => o.loop === l)).steady.toFixed(1)}`);
    console.log(`frames decoded per second after the first (median over plays): ${steady.join(', ')}`);
  }
}
