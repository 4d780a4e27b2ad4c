import type { DecodableImage, DecodeOptions, DecodeResult } from './types.js';
/**
 * Reads one QR code or Code 39 bar code from an image: `{ text, format }`, or `null` when the frame holds none
 * (never an exception for "nothing found"). Runs on the main thread and in a dedicated Worker (no DOM needed).
 * The text is raw: validate it with `parseCardId` (or pass `accept: acceptsCardId` to skip other barcodes).
 *
 * Composition (measured, see docs/decoding.md): the browser's `BarcodeDetector` when it supports the wanted
 * formats; else zxing-cpp in WebAssembly, then the pure-JS @zxing/library passes it lacks (Code 39 at any
 * rotation); where WebAssembly is blocked, the JS passes alone. Decoders load lazily on first use.
 * Code 39 is returned only when two scanlines of the frame agree; a camera loop should still require agreement
 * across frames.
 *
 * @throws DecodeError `decode-unsupported-image`, `decode-invalid-region`, `decode-invalid-formats`,
 *   `decode-decoder-unavailable`; the signal's reason when aborted.
 *
 * @example
 * const frame = ctx.getImageData(0, 0, 1280, 720);
 * const read = await decodeImage(frame, { region: { x: 0.1, y: 0.2, width: 0.8, height: 0.6 } });
 * if (read && parseCardId(read.text).ok) show(read.text);
 */
export declare function decodeImage(
  image: DecodableImage,
  options?: DecodeOptions,
): Promise<DecodeResult | null>;
