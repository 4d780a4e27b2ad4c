/** Barcode symbologies printed on a Kaikukortti: a QR code on the front, Code 39 on the back. */
export const DECODE_FORMATS = ['qr_code', 'code_39'] as const;
/** A barcode format read on a Kaikukortti: `'qr_code'` (front) or `'code_39'` (back). */
export type DecodeFormat = (typeof DECODE_FORMATS)[number];

/**
 * Anything `decodeImage` reads: pixels, a decoded bitmap, a canvas (main thread or Worker), a `VideoFrame`
 * (e.g. from `MediaStreamTrackProcessor` in a Worker) or a playing `<video>` (its current frame; main thread).
 */
export type DecodableImage =
  ImageData | ImageBitmap | HTMLCanvasElement | OffscreenCanvas | VideoFrame | HTMLVideoElement;

/**
 * Part of the image to search, as **fractions of the image** (0–1), so one viewfinder box fits any camera
 * resolution. `{ x: 0.1, y: 0.25, width: 0.8, height: 0.5 }` is the middle band of the frame.
 */
export type DecodeRegion = {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
};

/** How hard to look: `fast` fits a live camera loop; `thorough` also tries slower rescues (still images, tests). */
export type DecodeEffort = 'fast' | 'thorough';

/**
 * Options of `decodeImage`: formats, region, effort, a filter (`accept`), the check digit and the engine. An unknown option throws
 * `OptionsError`.
 *
 * @example
 * await decodeImage(image, { formats: ['code_39'], effort: 'thorough' });
 */
export type DecodeOptions = {
  /** Symbologies to look for; default both. */
  readonly formats?: readonly DecodeFormat[];
  /** Search only this part of the image (fractions of width and height). Default: the whole image. */
  readonly region?: DecodeRegion;
  /** Default `fast`. */
  readonly effort?: DecodeEffort;
  /** Aborts between decoding passes; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Filters candidate texts: a read the callback refuses is ignored and the search goes on (e.g. pass
   * `acceptsCardId` to skip a ticket's own barcode that happens to be in view).
   */
  readonly accept?: (text: string, format: DecodeFormat) => boolean;
  /**
   * Code 39 mod-43 check character: `false` (default) reads the text as printed; `true` verifies and strips the
   * last character. Never guessed.
   */
  readonly code39CheckDigit?: boolean;
  /** Use the browser's `BarcodeDetector` when it supports the formats (default true). */
  readonly native?: boolean;
  /**
   * Which bundled decoder runs when there is no native one: `auto` (default) uses zxing-cpp in WebAssembly and
   * falls back to the pure-JS @zxing/library where WebAssembly is blocked (CSP without `'wasm-unsafe-eval'`);
   * `js` never loads WebAssembly; `wasm` uses only zxing-cpp and rejects with `decode-decoder-unavailable` where it
   * cannot be instantiated.
   */
  readonly engine?: DecodeEngine;
  /** URL of `zxing_reader.wasm` (default: next to the decoder module; see docs/decoding.md for bundlers). */
  readonly wasmUrl?: string;
};

/** Which decoder to use: `'auto'` (zxing-cpp WebAssembly, falling back to the JS decoder), `'wasm'` or `'js'`. */
export type DecodeEngine = 'auto' | 'wasm' | 'js';

/** One reading: the raw text of the symbol (card-ID validation is the caller's, see `parseCardId`). */
export type DecodeResult = { readonly text: string; readonly format: DecodeFormat };

/** Internal: `decodeImage`'s options as its engines get them (defaults applied). */
export type EngineOptions = {
  readonly formats: readonly DecodeFormat[];
  readonly effort: DecodeEffort;
  readonly accept: (text: string, format: DecodeFormat) => boolean;
  readonly code39CheckDigit: boolean;
};

/** Internal: 8-bit luminance plane. */
export type GreyImage = { readonly data: Uint8ClampedArray; readonly width: number; readonly height: number };
