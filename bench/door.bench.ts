// Door-mission benchmark (issue 37.1): generated clips of what a clerk holds up at a box office door — paper QR
// fronts, Code 39 backs and mobile cards on phone screens, at three distances, flat or tilted, in office light, dim
// light or glare, moving into view and held (test/support/door-clips/) — played to Chromium's fake camera and read
// by startCameraScan as a box office runs it, and by its peers' camera loops (html5-qrcode's scanner, zxing-wasm in a
// plain frame loop) in the same run, side by side. Per loop: clips read, time from the card coming into view to its
// first read (p50/p95), misreads, duplicate events.
// Then the clips of bench/independent/ (written from a list of conditions without reading the decoder, issue 50.4),
// each played once (its own length; `--repeat N`: N times), with the same loops: per condition read, time to read
// after the code is whole in view (p50), misreads and false positives (card IDs only), frames decoded per second;
// then again with `--hogs` busy-loop workers spinning in the page (a load spike): frames decoded per second, product
// vs plain loop.
// Usage: npm run bench door [-- --clips N] [-- --only phone] [-- --loops kaiku,zxing-wasm] [-- --window 5000]
//   [-- --sets door,independent] [-- --seed 7 | --dir DIR] [-- --hogs 2 (0: no load pass)]
//   [-- --sets independent --hogs=-2 (the loaded pass alone)] [-- --repeat 2 (each loop first as often: a multiple
//   of the loops' count)] [-- --conditions devtools4,devtools6,cpu4,cpu6,busy2 (slow devices, each a pass of the
//   independent set; --hogs 0 --conditions cpu4: that pass and the unloaded one)]
// (The soak, one scan on one clip for half an hour: `npm run bench soak`, bench/soak.bench.ts.)
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { listDoorClips, type DoorClip } from '../test/support/door-clips/clips.js';
import { openDoorHarness, type ClipOutcome } from '../test/support/door-clips/door-harness.js';
import type { LoopName } from '../test/support/door-clips/door-page.js';
import { benchIndependent, independentPasses, independentSet } from './independent-door.js';

const { values: args } = parseArgs({
  options: {
    clips: { type: 'string' },
    only: { type: 'string' },
    loops: { type: 'string', default: 'kaiku,html5-qrcode,zxing-wasm' },
    window: { type: 'string', default: '5000' },
    sets: { type: 'string', default: 'door,independent' },
    seed: { type: 'string', default: '7' },
    dir: { type: 'string' },
    hogs: { type: 'string', default: '2' },
    // Slow devices for the independent set (issue 66.1; test/support/door-clips/slow-device.ts): none, devtools4,
    // devtools6, cpu4, cpu6, busy2 …
    conditions: { type: 'string', default: '' },
    repeat: { type: 'string', default: '1' },
  },
});
const loops = args.loops.split(',') as LoopName[];
const windowMs = Number(args.window);
if (!/^[1-9]\d*$/.test(args.repeat))
  throw new Error(`--repeat takes a positive whole number, not ${args.repeat}`);

const quantile = (values: number[], q: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

function printTable(title: string, rows: Record<string, string>[]): void {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}\n${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
  for (const r of rows) console.log(line(cols.map((c) => r[c] ?? '')));
}

function summary(outcomes: ClipOutcome[]): Record<string, string> {
  const cards = outcomes.filter((o) => o.clip.kind !== 'empty');
  const times = cards.flatMap((o) => (o.msToRead === null ? [] : [o.msToRead]));
  const read = cards.filter((o) => o.read).length;
  return {
    read: `${read}/${cards.length} (${((100 * read) / Math.max(1, cards.length)).toFixed(1)}%)`,
    'p50 ms': quantile(times, 0.5).toFixed(0),
    'p95 ms': quantile(times, 0.95).toFixed(0),
    misreads: String(outcomes.reduce((n, o) => n + o.misreads, 0)),
    duplicates: String(cards.reduce((n, o) => n + o.duplicates, 0)),
    // Frames decoded per second of the window, over every clip (issue 50.2: never fewer than the plain loop's).
    'frames/s': (
      (1000 * outcomes.reduce((n, o) => n + o.frames, 0)) /
      (windowMs * Math.max(1, outcomes.length))
    ).toFixed(1),
  };
}

async function bench(): Promise<void> {
  const all = listDoorClips().filter((c) => c.id.includes(args.only ?? ''));
  const clips: DoorClip[] = args.clips
    ? all.filter((_, i) => i % Math.ceil(all.length / Number(args.clips)) === 0)
    : all;
  const harness = await openDoorHarness();
  const outcomes: ClipOutcome[] = [];
  const started = Date.now();
  try {
    for (const [i, clip] of clips.entries()) {
      // Each clip starts with the next loop (each loop runs in a browser of its own).
      const order = [...loops.slice(i % loops.length), ...loops.slice(0, i % loops.length)];
      const got = await harness.runClip(clip, order, windowMs);
      outcomes.push(...got);
      process.stderr.write(
        `${clip.id} ${got.map((o) => `${o.loop}:${o.read ? `${o.msToRead?.toFixed(0)}ms` : '—'}${o.misreads ? ` ${o.misreads}✗` : ''}`).join(' ')}\n`,
      );
    }
  } finally {
    await harness.close();
  }
  console.log(
    `door bench: ${clips.length} clips 1280×720 15 fps (4 s, the card from 2.4 s), ${windowMs} ms per loop, headless Chromium ` +
      `fake camera; ${((Date.now() - started) / 1000).toFixed(0)} s; load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ` +
      `${availableParallelism()} cores (times inflate when the machine is shared)`,
  );
  printTable(
    'All clips (read = the right card ID within the window; time from the card coming into view)',
    loops.map((loop) => ({ loop, ...summary(outcomes.filter((o) => o.loop === loop)) })),
  );
  const groups = [...new Set(outcomes.map((o) => `${o.clip.kind} ${o.clip.light}`))];
  printTable(
    'Per kind and light: read, p50 ms (✗ misreads)',
    groups.map((g) => {
      const row: Record<string, string> = { clips: g };
      for (const loop of loops) {
        const s = summary(outcomes.filter((o) => o.loop === loop && `${o.clip.kind} ${o.clip.light}` === g));
        row[loop] = `${s.read!.split(' ')[0]} ${s['p50 ms']}ms${s.misreads !== '0' ? ` ${s.misreads}✗` : ''}`;
      }
      return row;
    }),
  );
  const missed = outcomes.filter((o) => o.loop === 'kaiku' && o.clip.kind !== 'empty' && !o.read);
  if (missed.length) console.log(`\nkaiku missed: ${missed.map((o) => o.clip.id).join(', ')}`);
}

if (args.sets.includes('door')) await bench();
if (args.sets.includes('independent'))
  await benchIndependent(
    independentSet(args.dir ?? `.cache/independent-${args.seed}`, args.seed),
    loops,
    independentPasses(Number(args.hogs), args.conditions.split(',').filter(Boolean)),
    args.only,
    Number(args.repeat),
  );
