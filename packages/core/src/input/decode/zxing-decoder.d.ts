import type { DecodeEffort, DecodeFormat, DecodeResult, GreyImage } from './types.js';
export type ZxingOptions = {
  readonly formats: readonly DecodeFormat[];
  readonly effort: DecodeEffort;
  readonly accept: (text: string, format: DecodeFormat) => boolean;
  readonly code39CheckDigit: boolean;
  readonly signal: AbortSignal | undefined;
  /** zxing-cpp already ran on this frame: only the passes that add to it (located, rotated Code 39). */
  readonly rescueOnly?: boolean;
};
/** Tries the passes for the wanted formats in order; `null` when nothing was read. Never throws for "not found". */
export declare function decodeGrey(grey: GreyImage, options: ZxingOptions): Promise<DecodeResult | null>;
