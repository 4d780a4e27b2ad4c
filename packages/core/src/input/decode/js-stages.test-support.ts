// The JS stages alone on a frame's luminance, for the tests (`decodeImage` runs them in its pipeline).
import { runStages } from './pipeline.js';
import type { FrameFacts, JsStageName, StageName } from './pipeline.js';
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
): Promise<DecodeResult | null> {
  if (options.control?.round !== undefined) options.control.round.strong = false; // as `decodeStages` does
  const frame = jsFrame(grey, options);
  const facts: FrameFacts = {
    ...frame.facts,
    wantQr: options.formats.includes('qr_code'),
    want39: options.formats.includes('code_39'),
    thorough: options.effort === 'thorough',
    big: Math.min(grey.width, grey.height) >= 600,
    cpp: options.rescueOnly === true,
  };
  const isJs = (stage: StageName): boolean => !stage.startsWith('cpp');
  const run = (s: StageName): DecodeResult | null => frame.run(s as JsStageName);
  const read = await runStages(facts, run, options.control, options.signal, isJs);
  if (read === null && (facts.qrSeen() || facts.barsSeen())) options.onUnread?.();
  return read;
}
