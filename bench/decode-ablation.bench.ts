// Ablation of the decoder's pipeline (issue 33): on seeds no stage was tuned on, every frame is decoded once per call
// mode with every stage run (not only until the first read), so one run shows for each stage the frames it reads,
// the frames only it reads ("unique": what switching it off loses), its wrong reads and what it costs where the
// pipeline really runs it (the stages before the first read). Strategies inside stages are switched off in turn on
// the frames only stages using them read. A stage or strategy that reads nothing unique does not pay for itself.
// Usage: npm run bench decode-ablation
//   env: DECODE_ABLATION_SEEDS=20261700,20261701,20261702, DECODE_UNSEEN_PER_CELL=2, DECODE_ABLATION_EMPTY=16
//        (frames without a card per seed), DECODE_ABLATION_MODES=camera,js,thorough, DECODE_UNSEEN_CONDITIONS=all|a,b,
//        DECODE_ABLATION_JSON=file (every frame's record, for questions the tables do not answer)
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { openHarness } from '../test/support/card-photos/harness.js';
import type { CardPhotosApi } from '../test/support/card-photos/bench-page.js';
import type { AblationMode, FrameRecord } from '../test/support/card-photos/ablation.js';
import { LATER_CONDITIONS, UNSEEN_CONDITIONS } from '../test/support/card-photos/unseen.js';
import type { UnseenCondition } from '../test/support/card-photos/unseen.js';
import { STAGES, STRATEGIES } from '../packages/core/src/input/decode/pipeline.js';

const seeds = (process.env.DECODE_ABLATION_SEEDS ?? '20261700,20261701,20261702').split(',').map(Number);
const perCell = Number(process.env.DECODE_UNSEEN_PER_CELL ?? 2);
const empty = Number(process.env.DECODE_ABLATION_EMPTY ?? 16);
const modes = (process.env.DECODE_ABLATION_MODES ?? 'camera,js,thorough').split(',') as AblationMode[];
const conditionsEnv = process.env.DECODE_UNSEEN_CONDITIONS ?? 'all';
const conditions: readonly UnseenCondition[] =
  conditionsEnv === 'all'
    ? [...UNSEEN_CONDITIONS, ...LATER_CONDITIONS]
    : (conditionsEnv.split(',') as UnseenCondition[]);

type Api = { cardPhotos: CardPhotosApi };

const harness = await openHarness();
const records: FrameRecord[] = [];
const started = Date.now();
try {
  const wasmUrl = `${harness.baseUrl}/zxing_reader.wasm`;
  for (const seed of seeds) {
    const cases = await harness.page.evaluate(
      ([s, n, cs]) =>
        (globalThis as unknown as Api).cardPhotos.listUnseenCases({ seed: s, perCell: n, conditions: cs }),
      [seed, perCell, conditions] as const,
    );
    const got = await harness.page.evaluate(
      ([cs, url, ms, e, s]) =>
        (globalThis as unknown as Api).cardPhotos.ablate(cs, { wasmUrl: url, modes: ms, empty: e, seed: s }),
      [cases, wasmUrl, modes, empty, seed] as const,
    );
    records.push(...got.map((r) => ({ ...r, caseId: `${seed}/${r.caseId}` })));
  }
} finally {
  await harness.close();
}

if (process.env.DECODE_ABLATION_JSON)
  await writeFile(process.env.DECODE_ABLATION_JSON, JSON.stringify(records));

const cards = (mode: AblationMode): FrameRecord[] =>
  records.filter((r) => r.mode === mode && r.expected !== '');
process.stdout.write(
  `decode-ablation bench: seeds ${seeds.join(', ')}, ${cards(modes[0] as AblationMode).length} card frames ` +
    `(${perCell} per condition × side × size) and ${empty * seeds.length} without a card, modes ${modes.join(', ')}; ` +
    `headless Chromium, ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores\n`,
);

/** A count, with the first frames it counts (seed/case). */
const listed = (list: FrameRecord[]): string =>
  list.length === 0
    ? '0'
    : `${list.length} (${list
        .slice(0, 4)
        .map((r) => r.caseId)
        .join(' ')}${list.length > 4 ? ' …' : ''})`;

/** The stages the pipeline really runs on a frame: those before the first read, and that one. */
function pipelineRun(r: FrameRecord): FrameRecord['stages'] {
  const first = r.stages.findIndex((s) => s.got !== null);
  return first < 0 ? r.stages : r.stages.slice(0, first + 1);
}

for (const mode of modes) {
  const mine = cards(mode);
  const none = records.filter((r) => r.mode === mode && r.expected === '');
  const answers = mine.map((r) => pipelineRun(r).at(-1)?.got ?? null);
  const ok = mine.filter((r, i) => answers[i] === r.expected).length;
  const wrong = mine.filter((r, i) => answers[i] !== null && answers[i] !== r.expected).length;
  const noneWrong = none.filter((r) => r.stages.some((s) => s.got !== null)).length;
  process.stdout.write(
    `\n${mode}: the pipeline reads ${ok} of ${mine.length} card frames (${((100 * ok) / Math.max(1, mine.length)).toFixed(1)} %), ` +
      `${wrong} wrong; ${noneWrong} reads on ${none.length} frames without a card\n`,
  );
  const rows = [['stage', 'ran', 'reads', 'unique', 'first', 'wrong', 'ms/card frame', 'ms/no-card frame']];
  for (const { name } of STAGES) {
    const ran = mine.filter((r) => r.stages.some((s) => s.stage === name));
    if (ran.length === 0 && !none.some((r) => r.stages.some((s) => s.stage === name))) continue;
    const reads = mine.filter((r) => r.stages.some((s) => s.stage === name && s.got === r.expected));
    const unique = reads.filter((r) => r.stages.every((s) => s.stage === name || s.got !== r.expected));
    const first = mine.filter(
      (r) => pipelineRun(r).at(-1)?.stage === name && pipelineRun(r).at(-1)?.got !== null,
    );
    const bad = [...mine, ...none].filter((r) =>
      r.stages.some((s) => s.stage === name && s.got !== null && s.got !== r.expected),
    );
    const cost = (list: FrameRecord[]): string =>
      (
        list.reduce((n, r) => n + pipelineRun(r).reduce((m, s) => m + (s.stage === name ? s.ms : 0), 0), 0) /
        Math.max(1, list.length)
      ).toFixed(2);
    rows.push([
      name,
      String(ran.length),
      String(reads.length),
      listed(unique),
      String(first.length),
      String(bad.length),
      cost(mine),
      cost(none),
    ]);
  }
  for (const strategy of STRATEGIES) {
    const tried = mine.filter((r) => r.without[strategy] !== undefined);
    const lost = tried.filter((r) => r.without[strategy] === false);
    rows.push([`  strategy ${strategy}`, String(tried.length), '', listed(lost), '', '', '', '']);
  }
  const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const [i, row] of rows.entries()) {
    const cells = row.map((cell, c) =>
      c === 0 || c === 3 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
    );
    process.stdout.write(`${cells.join('  ').trimEnd()}\n`);
    if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}
process.stdout.write(
  '\nran: card frames it ran on (every stage whose trigger held); reads: frames it read; unique: frames no other ' +
    'stage read (what switching it off loses); first: frames the pipeline read with it; wrong: frames (with or ' +
    'without a card) where it read another text; ms: its time where the pipeline runs it (up to the first read), ' +
    'per frame. Strategies: frames only stages using it read, decoded again without it; unique = still unread.\n',
);
