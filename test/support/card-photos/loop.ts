// Browser side of the loop bench (bench/decode-loop.bench.ts): each held-out frame decoded as a camera loop meets it,
// `frames` times in a row (the card held in view), by the camera's call with its per-frame budget (one rescue round
// for the whole run, as a loop has), the same call without one, and zxing-wasm; then frames without a card, the same.
import { acceptsCardId } from '../../../packages/core/src/input/decode/accepts-card-id.js';
import { decodeImage, decodeStages } from '../../../packages/core/src/input/decode/decode-image.js';
import { createRescueRound } from '../../../packages/core/src/input/decode/pipeline.js';
import { frameWithoutCard } from './frame-without-card.js';
import { createPeers } from './peers.js';
import { renderUnseen } from './unseen.js';
import type { UnseenCase } from './unseen.js';

/** One decoded frame of a sequence. */
export type LoopRecord = {
  readonly decoder: string;
  readonly caseId: string;
  readonly size: string;
  /** The card ID in view; '' without a card. */
  readonly expected: string;
  /** The frame's place in its sequence (0 = the first). */
  readonly frame: number;
  readonly got: string | null;
  readonly ms: number;
  /** The stages the budgeted call ran on this frame, with their ms. */
  readonly stages?: readonly (readonly [string, number])[];
};

type Decode = (image: ImageData) => Promise<string | null>;

export async function measureLoop(
  cases: UnseenCase[],
  options: { wasmUrl: string; frames: number; empty: number; seed: number },
): Promise<LoopRecord[]> {
  const { wasmUrl } = options;
  const camera = { effort: 'fast', accept: acceptsCardId, wasmUrl } as const;
  let round = createRescueRound();
  let stages: [string, number][] = [];
  const onStage = (stage: string, _read: unknown, ms: number): void => void stages.push([stage, ms]);
  const [peer] = createPeers(wasmUrl, ['zxing-wasm']);
  const decoders: [string, Decode][] = [
    [
      'kaiku camera, budget',
      async (i) => {
        const staged = await decodeStages(i, camera, { round, onStage });
        round = staged.round ?? round;
        return staged.read?.text ?? null;
      },
    ],
    ['kaiku camera, no budget', async (i) => (await decodeImage(i, camera))?.text ?? null],
    ['zxing-wasm', async (i) => (await peer!.decode(i, undefined))?.text ?? null],
  ];
  const out: LoopRecord[] = [];
  const sequence = async (
    image: ImageData,
    caseId: string,
    expected: string,
    record: boolean,
  ): Promise<void> => {
    for (let frame = 0; frame < options.frames; frame++) {
      // Each frame starts with the next decoder: the first after a render pays for a cold cache.
      const order = [...decoders.slice(frame % 3), ...decoders.slice(0, frame % 3)];
      for (const [decoder, decode] of order) {
        stages = [];
        const started = performance.now();
        const got = await decode(image);
        const ms = performance.now() - started;
        const size = `${image.width}x${image.height}`;
        if (record) out.push({ decoder, caseId, size, expected, frame, got, ms, stages });
      }
    }
  };
  // Warm-up (lazy imports, wasm instantiation, JIT), not recorded.
  for (const c of cases.slice(0, 2)) await sequence(await renderUnseen(c), c.id, c.text, false);
  for (const c of cases) await sequence(await renderUnseen(c), c.id, c.text, true);
  for (let k = 0; k < options.empty; k++)
    await sequence(frameWithoutCard(options.seed, k, false), `empty-${k}`, '', true);
  return out;
}
