import { parseCardId, type ParseCardIdOptions } from '../../card-id/parse-card-id.js';
import { decodeStages } from '../decode/decode-image.js';
import type { RescueRound, StageName } from '../decode/pipeline.js';
import { getDecoderStatus, type DecoderStatus } from '../decode/decoder-status.js';
import { closeFrame, type CameraFrame } from './camera-frame.js';
import type { DecodeEffort, DecodeFormat, DecodeOptions, DecodeResult } from '../decode/types.js';

/** What one frame is decoded with (plain data: it crosses into the worker). */
export type FrameJob = {
  readonly formats: readonly DecodeFormat[];
  readonly effort: DecodeEffort;
  /** `parseCardId`'s options (structured-cloned into the worker). */
  readonly cardId?: ParseCardIdOptions | undefined;
  /** Where the WebAssembly decoder is served, when not next to the decoder module. */
  readonly wasmUrl?: DecodeOptions['wasmUrl'];
  /** The next frame's due time, if known (`timeOrigin + now()`: hand-over is no spare): the rescue budget. */
  readonly nextFrameAt?: number | undefined;
  /** Measure the glare over located codes (`FrameReading.glare`) also where the browser's detector reads. */
  readonly glare?: boolean;
  /** `false`: zxing-cpp's pass alone (the loop measuring its device, `CameraBudget`); default: the rescues too. */
  readonly rescue?: boolean;
};

/** The first card ID read, else the first other symbol: a ticket's barcode neither hides nor passes as a card. */
export type FrameReading = {
  readonly reading: DecodeResult | null;
  readonly rejected: DecodeResult | null;
  /** The reading is a Code 39 read strongly enough to count as two agreeing frames (`StageRead.strong`). */
  readonly strong?: boolean;
  /** zxing-cpp's own reader read it (two agreeing scan lines, its strict checks): one frame may confirm it. */
  readonly byZxing?: boolean;
  /** The engine that decoded it (in the worker's realm), so the page learns of a degraded decoder. */
  readonly decoder?: DecoderStatus | null;
  /** The share of clipped pixels over the codes located in this frame; none located: absent; NaN: not measured. */
  readonly glare?: number | undefined;
};

export { createRescueRound } from '../decode/pipeline.js';
export { preloadDecoder } from '../decode/decode-image.js';

/** Decodes one frame and closes it; `round`: the loop's rescue round, the next one returned (docs/camera.md). */
export async function decodeFrame(
  frame: CameraFrame,
  job: FrameJob,
  signal?: AbortSignal,
  round?: RescueRound,
): Promise<{ readonly result: FrameReading; readonly round?: RescueRound | undefined }> {
  // At most a frame's greatest spacing ahead (`watchPresentedFrames`): a realm's clock that drifted gives no more.
  const until =
    job.nextFrameAt && Math.min(job.nextFrameAt - performance.timeOrigin, performance.now() + 250);
  let rejected: DecodeResult | null = null;
  const accept = (text: string, format: DecodeFormat): boolean => {
    if (parseCardId(text, job.cardId).ok) return true;
    rejected ??= { text, format };
    return false;
  };
  try {
    const options = { formats: job.formats, effort: job.effort, accept, signal };
    const wasmUrl = job.wasmUrl === undefined ? {} : { wasmUrl: job.wasmUrl };
    let by: StageName | undefined;
    const onStage = (stage: StageName, r: unknown): void => void (r && (by ??= stage));
    const control = {
      ...(round && { round }),
      until,
      glare: job.glare === true,
      onStage,
      rescue: job.rescue,
    };
    const { read, round: next, glare } = await decodeStages(frame, { ...options, ...wasmUrl }, control);
    const reading = read && { text: read.text, format: read.format };
    const strong = read?.strong === true;
    const byZxing = read !== null && by === 'cpp';
    const result = { reading, rejected: read ? null : rejected, strong, byZxing, glare };
    return { result: { ...result, decoder: getDecoderStatus() }, round: next };
  } finally {
    closeFrame(frame);
  }
}
