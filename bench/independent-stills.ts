// The stills of bench/independent/ (issue 50.4), in Node: one decode each by the product as the camera calls it
// (card filter, `fast`) and by zxing-wasm (`readBarcodes`, QR + Code 39, its first card ID by the grammar), in the
// same run. Per condition: read, decode time p50 (a still's time to read), misreads and false positives.
// Used by the stills bench (decode.bench.ts) and decode-independent.bench.ts.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { acceptsCardId } from '../packages/core/src/input/decode/accepts-card-id.js';
import { decodeImage } from '../packages/core/src/input/decode/decode-image.js';
import type { IndependentSet } from './independent-door.js';

const wasmBinary = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
class NodeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}
Object.assign(globalThis, { ImageData: globalThis.ImageData ?? NodeImageData });
export const image = (data: Uint8ClampedArray, width: number, height: number): ImageData =>
  new NodeImageData(data, width, height) as unknown as ImageData;

/** The product's decode options as the camera sets them, with the wasm inlined (Node has no URL to fetch). */
export const camera = {
  effort: 'fast',
  accept: acceptsCardId,
  wasmUrl: `data:application/wasm;base64,${wasmBinary.toString('base64')}`,
} as const;

let prepared: Promise<unknown> | undefined;
/** zxing-wasm's first card ID in the frame (as bench/independent/peer.mjs counts it). */
export async function plain(frame: ImageData): Promise<string | null> {
  await (prepared ??= prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true }));
  const found = await readBarcodes(frame, {
    formats: ['QRCode', 'Code39'],
    tryHarder: true,
    maxNumberOfSymbols: 4,
  });
  return found.find((r) => r.isValid && acceptsCardId(r.text))?.text ?? null;
}

export type Tally = { n: number; read: number; wrong: number; times: number[] };
export type Loop = 'kaiku' | 'zxing-wasm';
export type Tallies = Map<string, Record<Loop, Tally>>;

export const tally = (rows: Tallies, condition: string, loop: Loop): Tally => {
  if (!rows.has(condition))
    rows.set(condition, {
      kaiku: { n: 0, read: 0, wrong: 0, times: [] },
      'zxing-wasm': { n: 0, read: 0, wrong: 0, times: [] },
    });
  return rows.get(condition)![loop];
};

export function count(t: Tally, expected: string | null, got: string | null, ms: number): void {
  t.n += expected === null ? 0 : 1;
  if (got !== null && got === expected) [t.read, t.times] = [t.read + 1, [...t.times, ms]];
  else if (got !== null) t.wrong += 1;
}

const q = (xs: number[], p: number): number =>
  xs.length === 0
    ? Number.NaN
    : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;

/** Prints the tallies, product beside plain with the ratio of their p50s. */
export function printTallies(title: string, rows: Tallies): void {
  const cell = (t: Tally): string =>
    `${t.read}/${t.n}${t.times.length ? ` ${q(t.times, 0.5).toFixed(0)}ms` : ''}${t.wrong ? ` ${t.wrong}✗` : ''}`;
  console.log(`\n${title}`);
  console.log(
    `${'condition'.padEnd(30)} ${'kaiku'.padStart(16)} ${'zxing-wasm'.padStart(16)} ${'p50 ÷'.padStart(6)}`,
  );
  const total = { kaiku: [0, 0, 0], 'zxing-wasm': [0, 0, 0] };
  for (const [condition, r] of [...rows].sort()) {
    const ratio = q(r.kaiku.times, 0.5) / q(r['zxing-wasm'].times, 0.5);
    console.log(
      `${condition.padEnd(30)} ${cell(r.kaiku).padStart(16)} ${cell(r['zxing-wasm']).padStart(16)} ${(Number.isFinite(ratio) ? ratio.toFixed(2) : '–').padStart(6)}`,
    );
    for (const loop of ['kaiku', 'zxing-wasm'] as const)
      total[loop] = total[loop].map((v, k) => v + [r[loop].read, r[loop].n, r[loop].wrong][k]!);
  }
  for (const loop of ['kaiku', 'zxing-wasm'] as const)
    console.log(
      `${loop}: ${total[loop][0]}/${total[loop][1]} read, ${total[loop][2]} misreads or false positives`,
    );
}

/** Decodes every still of the set (those whose condition includes `only`) with both; prints the table. */
export async function benchIndependentStills(
  set: IndependentSet,
  only?: readonly string[],
): Promise<Tallies> {
  const rows: Tallies = new Map();
  const started = Date.now();
  for (const still of set.stills.filter((s) => only === undefined || only.includes(s.condition))) {
    const { data, info } = await sharp(`${set.dir}/${still.file}`)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const frame = image(new Uint8ClampedArray(data), info.width, info.height);
    let at = performance.now();
    const product = (await decodeImage(frame, camera))?.text ?? null;
    count(tally(rows, still.condition, 'kaiku'), still.expected, product, performance.now() - at);
    at = performance.now();
    const peer = await plain(frame);
    count(tally(rows, still.condition, 'zxing-wasm'), still.expected, peer, performance.now() - at);
  }
  printTallies(
    `independent stills (${set.dir}, ${set.stills.length} stills, Node, ${((Date.now() - started) / 1000).toFixed(0)} s): ` +
      'read/total, decode time p50 of the reads, ✗ misreads + false positives; p50 ÷ = kaiku ÷ zxing-wasm',
    rows,
  );
  return rows;
}
