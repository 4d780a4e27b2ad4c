// The camera's decoder on data nobody on the decoder made (issue 50.4): the stills and clips of bench/independent/
// (written from a list of conditions without reading the decoder), beside a plain zxing-wasm frame loop, in one run,
// in Node. Stills: one decode each — the product as the camera calls it (card filter, `fast`) vs zxing-wasm
// (`readBarcodes`, QR + Code 39, a card ID by the grammar). Clips: every frame in turn, as a device that keeps up —
// the product with its rescue round and the camera's acceptance rule (QR on one read, Code 39 on two agreeing frames)
// vs zxing-wasm accepting its first card ID. Prints per condition: read, time to read after the code is whole in view
// (p50/p95, clip time), misreads (another card ID) and false positives (a card ID in a scene without one).
// Usage: npm run bench decode-independent -- [--dir DIR] [--seed 7] [--only a,b]
//   without a manifest in DIR (default .cache/independent-SEED), runs bench/independent/generate.mjs into it first.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { decodeImage, decodeStages } from '../packages/core/src/input/decode/decode-image.js';
import { createRescueRound, type RescueRound } from '../packages/core/src/input/decode/pipeline.js';
import { acceptsCardId } from '../packages/core/src/input/decode/accepts-card-id.js';
import { createScanAcceptor } from '../packages/core/src/input/camera/scan-acceptor.js';

const { values: args } = parseArgs({
  options: { dir: { type: 'string' }, seed: { type: 'string', default: '7' }, only: { type: 'string' } },
});
const dir = args.dir ?? `.cache/independent-${args.seed}`;
if (!existsSync(`${dir}/manifest.json`))
  execFileSync('node', ['bench/independent/generate.mjs', '--seed', args.seed, '--out', dir, '--raw'], {
    stdio: 'inherit',
  });
type Entry = {
  file: string;
  condition: string;
  expected: string | null;
  fps?: number;
  cardVisibleFrom?: number | null;
};
const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as {
  stills: Entry[];
  clips: Entry[];
};
const only = args.only?.split(',');
const wanted = (e: Entry): boolean => only === undefined || only.includes(e.condition);

const wasmBinary = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
const camera = {
  effort: 'fast',
  accept: acceptsCardId,
  wasmUrl: `data:application/wasm;base64,${wasmBinary.toString('base64')}`,
} as const;
class NodeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}
Object.assign(globalThis, { ImageData: NodeImageData });
const image = (data: Uint8ClampedArray, width: number, height: number): ImageData =>
  new NodeImageData(data, width, height) as unknown as ImageData;

/** zxing-wasm's first card ID in the frame (as bench/independent/peer.mjs counts it). */
async function plain(frame: ImageData): Promise<string | null> {
  const found = await readBarcodes(frame, {
    formats: ['QRCode', 'Code39'],
    tryHarder: true,
    maxNumberOfSymbols: 4,
  });
  return found.find((r) => r.isValid && acceptsCardId(r.text))?.text ?? null;
}

/** The luma planes of a raw C420jpeg y4m as RGBA frames. */
function* y4mFrames(file: string): Generator<ImageData> {
  const buf = readFileSync(file);
  const head = buf.toString('ascii', 0, buf.indexOf(10)).split(' ');
  const [w, h] = ['W', 'H'].map((k) => Number(head.find((t) => t[0] === k)!.slice(1))) as [number, number];
  const size = w * h + 2 * (w >> 1) * (h >> 1);
  for (let at = buf.indexOf(10) + 1; at + 6 + size <= buf.length; at += 6 + size) {
    const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
    for (let i = 0; i < w * h; i++) rgba.fill(buf[at + 6 + i]!, 4 * i, 4 * i + 3);
    yield image(rgba, w, h);
  }
}

type Tally = { n: number; read: number; wrong: number; times: number[] };
const rows = new Map<string, Record<'kaiku' | 'zxing-wasm', Tally>>();
const tally = (condition: string, loop: 'kaiku' | 'zxing-wasm'): Tally => {
  if (!rows.has(condition))
    rows.set(condition, {
      kaiku: { n: 0, read: 0, wrong: 0, times: [] },
      'zxing-wasm': { n: 0, read: 0, wrong: 0, times: [] },
    });
  return rows.get(condition)![loop];
};
function count(t: Tally, expected: string | null, got: string | null, ms?: number): void {
  t.n += expected === null ? 0 : 1;
  if (got !== null && got === expected)
    [t.read, t.times] = [t.read + 1, ms === undefined ? t.times : [...t.times, ms]];
  else if (got !== null) t.wrong += 1;
}

const started = Date.now();
for (const still of manifest.stills.filter(wanted)) {
  const { data, info } = await sharp(`${dir}/${still.file}`)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const frame = image(new Uint8ClampedArray(data), info.width, info.height);
  count(
    tally(`still ${still.condition}`, 'kaiku'),
    still.expected,
    (await decodeImage(frame, camera))?.text ?? null,
  );
  count(tally(`still ${still.condition}`, 'zxing-wasm'), still.expected, await plain(frame));
}
for (const clip of manifest.clips.filter(wanted)) {
  const acceptor = createScanAcceptor({
    confirmations: { qr_code: 1, code_39: 2 },
    confirmationWindowMs: 1500,
    duplicateWindowMs: 3000,
  });
  let round: RescueRound = createRescueRound();
  const from = 1000 * (clip.cardVisibleFrom ?? 0);
  let [product, peer] = [null as string | null, null as string | null];
  let [productMs, peerMs] = [0, 0];
  let i = 0;
  for (const frame of y4mFrames(`${dir}/${clip.file}`)) {
    const at = (1000 * i++) / (clip.fps ?? 15);
    if (product === null) {
      const staged = await decodeStages(frame, camera, { round });
      round = staged.round ?? round;
      acceptor.look(at);
      const read = staged.read;
      if (read && acceptor.offer(read.text, read.format, at, read.strong ? 2 : 1) === 'report')
        [product, productMs] = [read.text, at];
    }
    if (peer === null) [peer, peerMs] = [await plain(frame), at];
  }
  count(tally(`clip ${clip.condition}`, 'kaiku'), clip.expected, product, Math.max(0, productMs - from));
  count(tally(`clip ${clip.condition}`, 'zxing-wasm'), clip.expected, peer, Math.max(0, peerMs - from));
}

const q = (xs: number[], p: number): string =>
  xs.length === 0
    ? '–'
    : String(
        Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!),
      );
const cell = (t: Tally): string =>
  `${t.read}/${t.n}${t.times.length ? ` ${q(t.times, 0.5)}/${q(t.times, 0.95)}ms` : ''}${t.wrong ? ` ${t.wrong}✗` : ''}`;
console.log(
  `decode-independent: ${dir}, ${((Date.now() - started) / 1000).toFixed(0)} s, Node; read/total, clips: time to read p50/p95 after the code is whole in view; ✗ misreads or false positives`,
);
console.log(`${'condition'.padEnd(34)} ${'kaiku'.padStart(22)} ${'zxing-wasm'.padStart(22)}`);
const total = { kaiku: [0, 0, 0], 'zxing-wasm': [0, 0, 0] };
for (const [condition, r] of [...rows].sort()) {
  console.log(`${condition.padEnd(34)} ${cell(r.kaiku).padStart(22)} ${cell(r['zxing-wasm']).padStart(22)}`);
  for (const loop of ['kaiku', 'zxing-wasm'] as const)
    total[loop] = total[loop].map((v, k) => v + [r[loop].read, r[loop].n, r[loop].wrong][k]!);
}
for (const loop of ['kaiku', 'zxing-wasm'] as const)
  console.log(
    `${loop}: ${total[loop][0]}/${total[loop][1]} read, ${total[loop][2]} misreads or false positives`,
  );
