// Decode benchmark: the generated card-photo corpus decoded in headless Chromium by decodeImage and its peers,
// side by side in the same run on the same frames. Prints success rate, wrong reads and median/p95 decode time
// per frame size and per condition.
// Then the stills of bench/independent/ (made without reading the decoder), product beside plain zxing-wasm, in Node
// (bench/independent-stills.ts); DECODE_BENCH_INDEPENDENT=DIR picks the set (default .cache/independent-7, generated
// when missing), `0` skips it.
// Usage: npm run bench decode   (env: DECODE_BENCH_PER_CELL=3, DECODE_BENCH_SEED=20261121, DECODE_BENCH_DECODERS=a,b)
import { availableParallelism, loadavg } from 'node:os';
import { openHarness } from '../test/support/card-photos/harness.js';
import type { CardPhotosApi, Measurement } from '../test/support/card-photos/bench-page.js';
import { independentSet } from './independent-door.js';
import { benchIndependentStills } from './independent-stills.js';

const seed = Number(process.env.DECODE_BENCH_SEED ?? 20261121);
const perCell = Number(process.env.DECODE_BENCH_PER_CELL ?? 3);
const decoders = process.env.DECODE_BENCH_DECODERS?.split(',');
/** `code_39`, `640x480`, `code_39:640x480`: limit the corpus while tuning. */
const only = process.env.DECODE_BENCH_ONLY?.split(':') ?? [];
const TARGET_MS = 33;

type Row = Record<string, string>;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

function summarize(ms: Measurement[]): { n: number; ok: number; wrong: number; median: number; p95: number } {
  const times = ms.map((m) => m.ms).sort((a, b) => a - b);
  return {
    n: ms.length,
    ok: ms.filter((m) => m.got === m.expected).length,
    wrong: ms.filter((m) => m.got !== null && m.got !== m.expected).length,
    median: quantile(times, 0.5),
    p95: quantile(times, 0.95),
  };
}

const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(0)}%`);

function printTable(title: string, rows: Row[]): void {
  const first = rows[0];
  if (first === undefined) return;
  const cols = Object.keys(first);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  process.stdout.write(`\n${title}\n${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(cols.map((c) => r[c] ?? ''))}\n`);
}

const groupBy = <T>(items: T[], key: (t: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
};

const harness = await openHarness();
let results: Measurement[];
let empty: Measurement[];
try {
  const started = Date.now();
  const cases = await harness.page
    .evaluate(
      ([s, n]) =>
        (globalThis as unknown as { cardPhotos: CardPhotosApi }).cardPhotos.listCases({
          seed: s,
          perCell: n,
        }),
      [seed, perCell] as const,
    )
    .then((all) =>
      all.filter((c) => only.every((o) => o === c.side || o === `${c.size.width}x${c.size.height}`)),
    );
  results = await harness.page.evaluate(
    ([cs, wasmUrl, names]) =>
      (globalThis as unknown as { cardPhotos: CardPhotosApi }).cardPhotos.measure(cs, {
        wasmUrl,
        ...(names ? { decoders: names } : {}),
      }),
    [cases, `${harness.baseUrl}/zxing_reader.wasm`, decoders] as const,
  );
  empty = await harness.page.evaluate(
    ([wasmUrl, names, s]) =>
      (globalThis as unknown as { cardPhotos: CardPhotosApi }).cardPhotos.measureEmpty({
        wasmUrl,
        seed: s,
        count: 12,
        ...(names ? { decoders: names } : {}),
      }),
    [`${harness.baseUrl}/zxing_reader.wasm`, decoders, seed] as const,
  );
  process.stdout.write(
    `decode bench: ${cases.length} photos (seed ${seed}, ${perCell} per condition × side × size), ` +
      `headless Chromium, ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores (times inflate when the machine is shared)\n`,
  );
} finally {
  await harness.close();
}

const names = [...new Set(results.map((r) => r.decoder))];
for (const size of ['1280x720', '640x480']) {
  const rows: Row[] = [];
  for (const name of names) {
    const mine = results.filter((r) => r.decoder === name && r.size === size);
    const qr = summarize(mine.filter((r) => r.side === 'qr_code'));
    const c39 = summarize(mine.filter((r) => r.side === 'code_39'));
    const all = summarize(mine);
    rows.push({
      decoder: name,
      'QR ok': pct(qr.ok, qr.n),
      'C39 ok': c39.n === 0 ? 'n/a' : pct(c39.ok, c39.n),
      'all ok': pct(all.ok, all.n),
      wrong: String(all.wrong),
      'median ms': all.median.toFixed(1),
      'p95 ms': all.p95.toFixed(1),
      'QR med': qr.median.toFixed(1),
      'C39 med': c39.n === 0 ? 'n/a' : c39.median.toFixed(1),
    });
  }
  printTable(`Frames ${size} (success = exact card ID; wrong = any other text)`, rows);
}

for (const side of ['qr_code', 'code_39']) {
  const rows: Row[] = [];
  for (const [condition, items] of groupBy(
    results.filter((r) => r.side === side),
    (r) => r.condition,
  )) {
    const row: Row = { condition };
    for (const name of names) {
      const s = summarize(items.filter((r) => r.decoder === name));
      if (s.n === 0) continue;
      row[name] = `${pct(s.ok, s.n)} ${s.median.toFixed(0)}ms${s.wrong > 0 ? ` ${s.wrong}✗` : ''}`;
    }
    rows.push(row);
  }
  printTable(`${side}: success and median time per condition (both sizes; ✗ = wrong reads)`, rows);
}

{
  const rows: Row[] = [];
  for (const name of names) {
    const row: Row = { decoder: name };
    for (const size of ['1280x720', '640x480']) {
      const s = summarize(empty.filter((r) => r.decoder === name && r.size === size));
      row[`${size} median`] = s.median.toFixed(1);
      row[`${size} p95`] = s.p95.toFixed(1);
    }
    row['false reads'] = String(empty.filter((r) => r.decoder === name && r.got !== null).length);
    rows.push(row);
  }
  printTable(
    `Frames without a card (${empty.length / Math.max(1, names.length)} scenes): time to say "nothing", ms`,
    rows,
  );
}

const ours = summarize(results.filter((r) => r.decoder === 'kaiku decodeImage' && r.size === '1280x720'));
if (ours.n > 0) {
  const peerBest = Math.max(
    ...names
      .filter((n) => !n.startsWith('kaiku') && n !== 'jsQR')
      .map((n) => summarize(results.filter((r) => r.decoder === n)).ok),
  );
  const total = summarize(results.filter((r) => r.decoder === 'kaiku decodeImage'));
  process.stdout.write(
    `\nTargets: 720p median ${ours.median.toFixed(1)} ms (< ${TARGET_MS}: ${ours.median < TARGET_MS ? 'met' : 'MISSED'}); ` +
      `success ${total.ok}/${total.n} vs best peer ${peerBest} (${total.ok >= peerBest ? 'met' : 'MISSED'}); ` +
      `wrong reads ${total.wrong} (${total.wrong === 0 ? 'met' : 'MISSED'})\n`,
  );
}

if (process.env.DECODE_BENCH_FAILURES) {
  const misses = results.filter((r) => r.decoder === 'kaiku decodeImage' && r.got !== r.expected);
  process.stdout.write(`\nkaiku decodeImage misses (${misses.length}):\n`);
  for (const m of misses) {
    const others = results
      .filter((r) => r.caseId === m.caseId && r.got === r.expected)
      .map((r) => r.decoder)
      .join(', ');
    process.stdout.write(
      `  ${m.caseId} ${m.got === null ? 'no read' : `WRONG ${m.got}`}; read by: ${others || '—'}\n`,
    );
  }
}

const independent = process.env.DECODE_BENCH_INDEPENDENT ?? '.cache/independent-7';
if (independent !== '0') await benchIndependentStills(independentSet(independent, '7'));
