// The camera's decoder on data nobody on the decoder made (issue 50.4): the stills and clips of bench/independent/
// (written from a list of conditions without reading the decoder), beside a plain zxing-wasm frame loop, in one run,
// in Node. Stills: bench/independent-stills.ts. Clips: every frame in turn, as a device that keeps up — the product
// with its rescue round and the camera's acceptance rule (QR on one read, Code 39 on zxing-cpp's one read, else two
// agreeing frames or one strong read) vs zxing-wasm accepting its first card ID. Prints per condition: read, time to read after the code is
// whole in view (p50, clip time), misreads (another card ID) and false positives (a card ID in a scene without one).
// (Played to a real camera loop at the camera's rate: `npm run bench door`.)
// Usage: npm run bench decode-independent -- [--dir DIR] [--seed 7] [--only a,b]
//   without a manifest in DIR (default .cache/independent-SEED), runs bench/independent/generate.mjs into it first.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeStages } from '../packages/core/src/input/decode/decode-image.js';
import { createRescueRound, type RescueRound } from '../packages/core/src/input/decode/pipeline.js';
import { createScanAcceptor, readingWeight } from '../packages/core/src/input/camera/scan-acceptor.js';
import { independentSet } from './independent-door.js';
import {
  benchIndependentStills,
  camera,
  count,
  image,
  plain,
  printTallies,
  tally,
  type Tallies,
} from './independent-stills.js';

const { values: args } = parseArgs({
  options: { dir: { type: 'string' }, seed: { type: 'string', default: '7' }, only: { type: 'string' } },
});
const set = independentSet(args.dir ?? `.cache/independent-${args.seed}`, args.seed);
const only = args.only?.split(',');

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

await benchIndependentStills(set, only);
const rows: Tallies = new Map();
const started = Date.now();
for (const clip of set.clips.filter((c) => only === undefined || only.includes(c.condition))) {
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
  for (const frame of y4mFrames(`${set.dir}/${clip.file}`)) {
    const at = (1000 * i++) / (clip.fps ?? 15);
    if (product === null) {
      let byZxing = false; // As the camera decides (decode-frame.ts): the first stage that read, zxing-cpp's.
      const onStage = (stage: string, r: unknown): void => void (r && (byZxing ||= stage === 'cpp'));
      const staged = await decodeStages(frame, camera, { round, onStage });
      round = staged.round ?? round;
      acceptor.look(at);
      const read = staged.read;
      const [weight, alone] = readingWeight({ strong: read?.strong, byZxing }, false);
      if (read && acceptor.offer(read.text, read.format, at, weight, alone) === 'report')
        [product, productMs] = [read.text, at];
    }
    if (peer === null) [peer, peerMs] = [await plain(frame), at];
  }
  count(tally(rows, clip.condition, 'kaiku'), clip.expected, product, productMs - from);
  count(tally(rows, clip.condition, 'zxing-wasm'), clip.expected, peer, peerMs - from);
}
printTallies(
  `independent clips, every frame in turn (${set.dir}, Node, ${((Date.now() - started) / 1000).toFixed(0)} s): ` +
    'read/total, time to read p50 after the code is whole in view (clip time), ✗ misreads + false positives',
  rows,
);
