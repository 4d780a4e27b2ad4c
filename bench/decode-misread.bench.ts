// Misread risk of the camera's Code 39 acceptance rule (issue 50.3), measured in Node on the decoder the camera runs
// (decodeStages with the card filter and a rescue round, zxing-cpp + JS stages): codes that are not card IDs — random
// Code 39 strings, card-like IDs with one bar or space of the wrong width, IDs one character off, EAN-13 products,
// Code 128 tickets, QR URLs — and, as a control, card IDs; each drawn twice (the two frames the rule needs) with its
// own pose, blur and noise. Prints per set: frames that read a card ID other than the one drawn (per frame), sources
// whose two frames agree on such an ID (what "two agreeing frames" would accept), and strong single reads.
// Usage: npm run bench decode-misread [-- --n 200] [-- --seed 5]   (n sources per set)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import bwipjs from 'bwip-js/node';
import { decodeStages } from '../packages/core/src/input/decode/decode-image.js';
import { createRescueRound } from '../packages/core/src/input/decode/pipeline.js';
import { acceptsCardId } from '../packages/core/src/input/decode/accepts-card-id.js';
import { addNoise, blurGrey, drawBars } from '../packages/core/src/input/decode/test-images.test-support.js';
import { createRandom } from '../test/support/card-photos/prng.js';
import type { GreyImage } from '../packages/core/src/input/decode/types.js';

const { values: args } = parseArgs({
  options: { n: { type: 'string', default: '150' }, seed: { type: 'string', default: '50' } },
});
const random = createRandom(Number(args.seed));
const pick = <T>(xs: readonly T[]): T => xs[random.int(0, xs.length - 1)]!;
const C39 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';
const digits = (n: number): string => Array.from({ length: n }, () => random.int(0, 9)).join('');

const card = (): string => {
  const p = pick(['A', 'Y', 'AM', 'YM', 'X', 'Z']);
  return p + digits(10 - p.length);
};
const wasm = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm').toString('base64');
const options = {
  effort: 'fast',
  accept: acceptsCardId,
  wasmUrl: `data:application/wasm;base64,${wasm}`,
} as const;
class NodeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}
Object.assign(globalThis, { ImageData: NodeImageData });

/** Modules (1 = dark) from bwip-js's bar/space widths; `damage`: one element's width flipped (1↔3 or 2↔1). */
function modules(bcid: string, text: string, damage = false): number[] {
  const sbs = [...(bwipjs.raw({ bcid, text })[0] as { sbs: number[] }).sbs];
  if (damage) {
    const i = random.int(2, sbs.length - 3);
    sbs[i] = sbs[i]! >= 2 ? 1 : bcid === 'code39' ? 3 : 2;
  }
  return [
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    ...sbs.flatMap((w, i) => Array<number>(w).fill(i % 2 === 0 ? 1 : 0)),
    ...Array<number>(10).fill(0),
  ];
}

function qr(text: string, size: number): GreyImage {
  const { pixs, pixx } = bwipjs.raw({ bcid: 'qrcode', text })[0] as { pixs: number[]; pixx: number };
  const data = new Uint8ClampedArray(640 * 480).fill(235);
  const m = Math.floor(size / pixx);
  for (let y = 0; y < pixx * m; y++)
    for (let x = 0; x < pixx * m; x++)
      if (pixs[Math.floor(y / m) * pixx + Math.floor(x / m)]) data[(y + 100) * 640 + x + 180] = 20;
  return { data, width: 640, height: 480 };
}

/** One frame of a source: its own pose, blur and noise. */
function frame(source: () => number[] | GreyImage): ImageData {
  const drawn = source();
  const grey = Array.isArray(drawn)
    ? drawBars(drawn, {
        width: 640,
        height: 480,
        module: 2 + random.next(),
        degrees: random.int(-15, 15),
        barHeight: 70,
      })
    : drawn;
  const g = addNoise(blurGrey(grey, 0.3 + 0.8 * random.next()), 3 + 10 * random.next(), random.int(1, 1e9));
  const rgba = new Uint8ClampedArray(g.width * g.height * 4);
  for (let i = 0; i < g.data.length; i++) rgba.set([g.data[i]!, g.data[i]!, g.data[i]!, 255], i * 4);
  return new NodeImageData(rgba, g.width, g.height) as unknown as ImageData;
}

type Set = { name: string; make: () => { text: string; draw: () => number[] | GreyImage } };
const SETS: Set[] = [
  {
    name: 'card IDs (control)',
    make: () => ((t) => ({ text: t, draw: () => modules('code39', t) }))(card()),
  },
  {
    name: 'card IDs, one bar damaged',
    make: () => ((t) => ({ text: t, draw: () => modules('code39', t, true) }))(card()),
  },
  {
    name: 'one character off a card ID',
    make: () =>
      ((t) => ({ text: t, draw: () => modules('code39', t) }))(
        ((c) => {
          const i = random.int(1, 9);
          return c.slice(0, i) + pick([...C39.slice(10, 36)]) + c.slice(i + 1);
        })(card()),
      ),
  },
  {
    name: 'random Code 39',
    make: () =>
      ((t) => ({ text: t, draw: () => modules('code39', t) }))(
        Array.from({ length: random.int(4, 16) }, () => pick([...C39]))
          .join('')
          .trim() || 'X',
      ),
  },
  {
    name: 'EAN-13 products',
    make: () => ((t) => ({ text: t, draw: () => modules('ean13', t) }))(digits(12)),
  },
  {
    name: 'Code 128 tickets',
    make: () => ((t) => ({ text: t, draw: () => modules('code128', t) }))(`TICKET-${digits(4)}-${digits(6)}`),
  },
  {
    name: 'QR URLs',
    make: () =>
      ((t) => ({ text: t, draw: () => qr(t, 200 + random.int(0, 100)) }))(
        `https://liput.example.fi/e/${digits(8)}`,
      ),
  },
];

const n = Number(args.n);
console.log(
  `decode-misread: ${n} sources per set × 2 frames, seed ${args.seed}, Node (zxing-cpp + JS stages, card filter)`,
);
console.log(
  'set                            frames  read right (zxing-cpp)  wrong ID/frame (zxing-cpp)  2 frames agree wrong  strong reads (wrong)',
);
const cell = (all: number, part: number, width: number): string => `${all} (${part})`.padStart(width);
for (const set of SETS) {
  let [right, rightCpp, wrong, wrongCpp, agree, strong, strongWrong] = [0, 0, 0, 0, 0, 0, 0];
  for (let k = 0; k < n; k++) {
    const { text, draw } = set.make();
    const reads: (string | null)[] = [];
    for (let f = 0; f < 2; f++) {
      // Which stage read first: zxing-cpp's own reads are what the camera accepts from one frame (docs/camera.md).
      let by: string | undefined;
      const onStage = (stage: string, r: unknown): void => void (r !== null && (by ??= stage));
      const { read } = await decodeStages(frame(draw), options, { round: createRescueRound(), onStage });
      const cpp = Number(by === 'cpp');
      reads.push(read?.text ?? null);
      if (read && read.text === text) [right, rightCpp] = [right + 1, rightCpp + cpp];
      if (read && read.text !== text) [wrong, wrongCpp] = [wrong + 1, wrongCpp + cpp];
      if (read?.strong) [strong, strongWrong] = [strong + 1, strongWrong + Number(read.text !== text)];
    }
    if (reads[0] !== null && reads[0] === reads[1] && reads[0] !== text) agree += 1;
  }
  console.log(
    `${set.name.padEnd(30)} ${String(2 * n).padStart(6)}  ${cell(right, rightCpp, 22)}  ${cell(wrong, wrongCpp, 26)}  ${String(agree).padStart(20)}  ${cell(strong, strongWrong, 20)}`,
  );
}
