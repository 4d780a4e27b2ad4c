// Browser side of the ablation bench (bench/decode-ablation.bench.ts): every frame decoded once per mode with every
// stage of the pipeline run (`exhaustive`), recording what each stage read and how long it took; then, for each
// strategy inside the stages, the frames that only stages using it read are decoded again with it switched off.
import { acceptsCardId } from '../../../packages/core/src/input/decode/accepts-card-id.js';
import { decodeStages } from '../../../packages/core/src/input/decode/decode-image.js';
import { STRATEGIES } from '../../../packages/core/src/input/decode/pipeline.js';
import type { StageName, StrategyName } from '../../../packages/core/src/input/decode/pipeline.js';
import type { DecodeOptions } from '../../../packages/core/src/input/decode/types.js';
import { frameWithoutCard } from './frame-without-card.js';
import { renderUnseen } from './unseen.js';
import type { UnseenCase } from './unseen.js';

/** The calls ablated: the camera's, the JS engine's (WebAssembly blocked) and a still's, each with the card filter. */
export const ABLATION_MODES = {
  camera: { effort: 'fast' },
  js: { effort: 'fast', engine: 'js' },
  thorough: { effort: 'thorough' },
} as const satisfies Record<string, DecodeOptions>;
export type AblationMode = keyof typeof ABLATION_MODES;

/** One stage's run on one frame: the text it read (accepted by the card filter) and its time. */
export type StageRun = { readonly stage: StageName; readonly got: string | null; readonly ms: number };

export type FrameRecord = {
  readonly mode: AblationMode;
  readonly caseId: string;
  /** The card ID in view; '' on a frame without a card. */
  readonly expected: string;
  readonly stages: readonly StageRun[];
  /** Per strategy re-run (only on frames where it could matter): whether a stage still read the card without it. */
  readonly without: Partial<Record<StrategyName, boolean>>;
};

/** The stages each strategy is part of: a frame no other stage reads is decoded again with the strategy off. */
const USERS: Record<StrategyName, (stage: StageName) => boolean> = {
  'cpp-symbols': (s) => s === 'cpp',
  'qr-finders': (s) => s.startsWith('qr-'),
  'c39-tolerant': (s) => s.startsWith('c39-') && !s.startsWith('c39-templates'),
  'c39-sharpened': (s) => s.startsWith('c39-') && !s.startsWith('c39-templates'),
  'c39-profile-flat': (s) => s === 'c39-templates',
};

async function runAll(
  image: ImageData,
  mode: AblationMode,
  wasmUrl: string,
  off?: StrategyName,
): Promise<StageRun[]> {
  const stages: StageRun[] = [];
  await decodeStages(
    image,
    { ...ABLATION_MODES[mode], accept: acceptsCardId, wasmUrl },
    {
      exhaustive: true,
      ...(off === undefined ? {} : { off: new Set([off]) }),
      onStage: (stage, read, ms) => stages.push({ stage, got: read?.text ?? null, ms }),
    },
  );
  return stages;
}

async function recordFrame(
  image: ImageData,
  caseId: string,
  expected: string,
  mode: AblationMode,
  wasmUrl: string,
): Promise<FrameRecord> {
  const stages = await runAll(image, mode, wasmUrl);
  const readers = stages.filter((s) => expected !== '' && s.got === expected).map((s) => s.stage);
  const without: Partial<Record<StrategyName, boolean>> = {};
  for (const strategy of STRATEGIES) {
    if (readers.length === 0 || !readers.every(USERS[strategy])) continue;
    without[strategy] = (await runAll(image, mode, wasmUrl, strategy)).some((s) => s.got === expected);
  }
  return { mode, caseId, expected, stages, without };
}

/** Every card frame and `empty` frames without a card, in each mode. */
export async function ablate(
  cases: UnseenCase[],
  options: { wasmUrl: string; modes: AblationMode[]; empty: number; seed: number },
): Promise<FrameRecord[]> {
  const out: FrameRecord[] = [];
  // Warm-up (lazy imports, wasm instantiation, JIT), not recorded.
  for (const c of cases.slice(0, 2)) {
    const image = await renderUnseen(c);
    for (const mode of options.modes) await runAll(image, mode, options.wasmUrl);
  }
  for (const c of cases) {
    const image = await renderUnseen(c);
    for (const mode of options.modes) out.push(await recordFrame(image, c.id, c.text, mode, options.wasmUrl));
  }
  for (let k = 0; k < options.empty; k++) {
    const image = frameWithoutCard(options.seed, k, false);
    for (const mode of options.modes)
      out.push(await recordFrame(image, `empty-${k}`, '', mode, options.wasmUrl));
  }
  return out;
}
