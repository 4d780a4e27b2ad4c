import type { DecodeEffort, DecodeFormat, DecodeResult } from './types.js';
/** Where the .wasm file is served: next to this module (bundlers emit `new URL(…, import.meta.url)` assets). */
export declare const DEFAULT_WASM_URL: string;
/** Instantiates the module once per URL; resolves false (never rejects) when WebAssembly is blocked or missing. */
export declare function loadWasm(url: string): Promise<boolean>;
export type WasmOptions = {
  readonly formats: readonly DecodeFormat[];
  readonly effort: DecodeEffort;
  readonly accept: (text: string, format: DecodeFormat) => boolean;
  readonly code39CheckDigit: boolean;
  /** True when the caller passed an `accept` filter. */
  readonly filtered: boolean;
};
/** One zxing-cpp pass (it tries rotations, inversion and downscaling itself); `null` when nothing acceptable. */
export declare function decodeWithWasm(pixels: ImageData, options: WasmOptions): Promise<DecodeResult | null>;
