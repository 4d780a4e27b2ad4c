// The camera call over sequences of frames (issue 37.3): every held-out frame decoded `DECODE_LOOP_FRAMES` times in
// a row, as a loop meets a card held in view, by the camera's call with its per-frame budget (rescues spread over
// frames, one rescue round for the run), the same call without a budget, and zxing-wasm, side by side in one page;
// then frames without a card, the same. Prints reads by the end of a sequence, wrong reads, frames to the first read,
// and the time per frame (median, p95) at 720p and without a card, with each call's ratio to zxing-wasm.
// Also: the stages the slowest 10 % of the budgeted frames ran.
// Usage: npm run bench decode-loop
//   env: DECODE_UNSEEN_SEED=(unseen.ts), DECODE_UNSEEN_PER_CELL=2, DECODE_UNSEEN_CONDITIONS=all|a,b (default all),
//        DECODE_LOOP_FRAMES=4, DECODE_LOOP_EMPTY=16 (frames without a card)
import { availableParallelism, loadavg } from 'node:os';
import { openHarness } from '../test/support/card-photos/harness.js';
import type { CardPhotosApi } from '../test/support/card-photos/bench-page.js';
import type { LoopRecord } from '../test/support/card-photos/loop.js';
import { LATER_CONDITIONS, UNSEEN_CONDITIONS, UNSEEN_SEED } from '../test/support/card-photos/unseen.js';
import type { UnseenCondition } from '../test/support/card-photos/unseen.js';

const seed = Number(process.env.DECODE_UNSEEN_SEED ?? UNSEEN_SEED);
const perCell = Number(process.env.DECODE_UNSEEN_PER_CELL ?? 2);
const frames = Number(process.env.DECODE_LOOP_FRAMES ?? 4);
const empty = Number(process.env.DECODE_LOOP_EMPTY ?? 16);
const conditionsEnv = process.env.DECODE_UNSEEN_CONDITIONS ?? 'all';
const conditions: readonly UnseenCondition[] =
  conditionsEnv === 'all'
    ? [...UNSEEN_CONDITIONS, ...LATER_CONDITIONS]
    : (conditionsEnv.split(',') as UnseenCondition[]);

type Api = { cardPhotos: CardPhotosApi };

const harness = await openHarness();
let records: LoopRecord[];
const started = Date.now();
try {
  const wasmUrl = `${harness.baseUrl}/zxing_reader.wasm`;
  const cases = await harness.page.evaluate(
    ([s, n, cs]) =>
      (globalThis as unknown as Api).cardPhotos.listUnseenCases({ seed: s, perCell: n, conditions: cs }),
    [seed, perCell, conditions] as const,
  );
  records = await harness.page.evaluate(
    ([cs, url, f, e, s]) =>
      (globalThis as unknown as Api).cardPhotos.measureLoop(cs, {
        wasmUrl: url,
        frames: f,
        empty: e,
        seed: s,
      }),
    [cases, wasmUrl, frames, empty, seed] as const,
  );
} finally {
  await harness.close();
}

const quantile = (values: number[], q: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
};
const decoders = [...new Set(records.map((r) => r.decoder))];
const sequences = (decoder: string, withCard: boolean): LoopRecord[][] => {
  const mine = records.filter((r) => r.decoder === decoder && (r.expected !== '') === withCard);
  return [...new Set(mine.map((r) => r.caseId))].map((id) => mine.filter((r) => r.caseId === id));
};
const peer = (withCard: boolean, q: number): number =>
  quantile(
    records
      .filter((r) => r.decoder === 'zxing-wasm' && (r.expected !== '') === withCard)
      .filter((r) => !withCard || r.size === '1280x720')
      .map((r) => r.ms),
    q,
  );
process.stdout.write(
  `decode-loop bench: seed ${seed}, ${sequences(decoders[0]!, true).length} card frames × ${frames} in a row, ` +
    `${empty} frames without a card × ${frames}; headless Chromium, ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores\n\n`,
);
const rows = [
  [
    'decoder',
    'read',
    'wrong',
    'frames to read',
    '720p median ms (×)',
    '720p p95 ms (×)',
    'no card median ms (×)',
    'no card p95 ms (×)',
  ],
];
for (const decoder of decoders) {
  const seqs = sequences(decoder, true);
  const firsts = seqs.map((s) => s.findIndex((r) => r.got === r.expected)).filter((i) => i >= 0);
  const wrong = seqs.filter((s) => s.some((r) => r.got !== null && r.got !== r.expected)).length;
  const hd = seqs
    .flat()
    .filter((r) => r.size === '1280x720')
    .map((r) => r.ms);
  const none = sequences(decoder, false).flat();
  const cell = (ms: number, ref: number): string => `${ms.toFixed(1)} (${(ms / ref).toFixed(2)})`;
  rows.push([
    decoder,
    `${firsts.length}/${seqs.length}`,
    String(wrong + none.filter((r) => r.got !== null).length),
    (firsts.reduce((a, b) => a + b + 1, 0) / Math.max(1, firsts.length)).toFixed(2),
    cell(quantile(hd, 0.5), peer(true, 0.5)),
    cell(quantile(hd, 0.95), peer(true, 0.95)),
    cell(
      quantile(
        none.map((r) => r.ms),
        0.5,
      ),
      peer(false, 0.5),
    ),
    cell(
      quantile(
        none.map((r) => r.ms),
        0.95,
      ),
      peer(false, 0.95),
    ),
  ]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const [i, row] of rows.entries()) {
  process.stdout.write(
    `${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}\n`,
  );
  if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
}
const readBy = (decoder: string): Set<string> =>
  new Set(records.filter((r) => r.decoder === decoder && r.got === r.expected).map((r) => r.caseId));
const budget = readBy(decoders[0]!);
const lost = [...readBy(decoders[1]!)].filter((id) => !budget.has(id));
// What the budgeted call's slowest frames spent their time on: per stage, the frames that ran it and its mean ms.
const budgeted = records.filter((r) => r.decoder === decoders[0]);
for (const [label, slow] of [
  ['720p card', budgeted.filter((r) => r.expected !== '' && r.size === '1280x720')],
  ['no card', budgeted.filter((r) => r.expected === '')],
] as const) {
  const p90 = quantile(
    slow.map((r) => r.ms),
    0.9,
  );
  const spent = new Map<string, number[]>();
  for (const [stage, ms] of slow.filter((r) => r.ms >= p90).flatMap((r) => r.stages ?? []))
    spent.set(stage, [...(spent.get(stage) ?? []), ms]);
  const stages = [...spent].map(
    ([s, ms]) => `${s} ${ms.length}× ${(ms.reduce((a, b) => a + b) / ms.length).toFixed(1)}`,
  );
  process.stdout.write(`\nslowest 10 % of ${label} (budget): ${stages.join(', ')}`);
}
process.stdout.write(`\n\nread without a budget, not with it: ${lost.join(' ') || 'none'}\n`);
process.stdout.write(
  '\nread: sequences where a frame read the card; wrong: frames that read another text (with or without a card); ' +
    'frames to read: the mean place of the first read; × = ratio to zxing-wasm on the same frames.\n',
);
