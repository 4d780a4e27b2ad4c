// The JS stages alone on a frame's luminance, for the tests (`decodeImage` runs them in its pipeline).
import { frameFacts, runStages } from './pipeline.js';
import type { JsStageName, StageName, StageRead } from './pipeline.js';
import type { DecodeResult, GreyImage } from './types.js';
import { jsFrame } from './zxing-decoder.js';
import type { ZxingOptions } from './zxing-decoder.js';

/**
 * The JS stages of the pipeline on `grey`, as after zxing-cpp with `rescueOnly`. `onUnread`: called when they saw a
 * symbol they could not read (two finder patterns of a card-sized QR code, or a located bar-code region).
 */
export async function decodeGrey(
  grey: GreyImage,
  options: ZxingOptions & { readonly onUnread?: () => void },
): Promise<StageRead | null> {
  const frame = jsFrame(grey, options);
  const facts = frameFacts(options, grey, options.rescueOnly === true, frame.facts);
  const isJs = (stage: StageName): boolean => !stage.startsWith('cpp');
  const run = (s: StageName): DecodeResult | null => frame.run(s as JsStageName);
  const { read } = await runStages(facts, run, options.control, options.signal, isJs);
  if (read === null && (facts.qrSeen() || facts.barsSeen())) options.onUnread?.();
  // `strong` only for a camera's round, as `decodeImage` returns the plain read.
  return read && (options.control?.round ? read : { text: read.text, format: read.format });
}
