import { DecodeError } from './decode-error.js';
import { decodeNative } from './native-detector.js';
import { readPixels, toGrey } from './read-pixels.js';
import { DECODE_FORMATS } from './types.js';
import type { DecodableImage, DecodeFormat, DecodeOptions, DecodeResult } from './types.js';
import type * as ZxingDecoder from './zxing-decoder.js';

type ZxingModule = typeof ZxingDecoder;

let zxing: Promise<ZxingModule> | undefined;

/** Loads the JS decoder once, on first use: a page that only uses a wedge scanner never downloads it. */
function loadZxing(): Promise<ZxingModule> {
  zxing ??= import('./zxing-decoder.js').catch((cause: unknown) => {
    zxing = undefined;
    throw new DecodeError('decode-decoder-unavailable', 'The barcode decoder could not be loaded.', {
      cause,
    });
  });
  return zxing;
}

const acceptAll = (): boolean => true;

/**
 * Reads one QR code or Code 39 bar code from an image: `{ text, format }`, or `null` when the frame holds none
 * (never an exception for "nothing found"). Runs on the main thread and in a dedicated Worker (no DOM needed).
 * The text is raw: validate it with `parseCardId` (or pass `accept: acceptsCardId` to skip other barcodes).
 *
 * Composition: the browser's `BarcodeDetector` when it supports the wanted formats, else @zxing/library's readers,
 * loaded lazily. Code 39 is returned only when two scanlines of the frame agree; a camera loop should still require
 * agreement across frames (see docs/decoding.md).
 *
 * @throws DecodeError `decode-unsupported-image`, `decode-invalid-region`, `decode-invalid-formats`,
 *   `decode-decoder-unavailable`; the signal's reason when aborted.
 *
 * @example
 * const frame = ctx.getImageData(0, 0, 1280, 720);
 * const read = await decodeImage(frame, { formats: ['qr_code', 'code_39'], region: { x: 0.1, y: 0.2, width: 0.8, height: 0.6 } });
 * if (read && parseCardId(read.text).ok) show(read.text);
 */
export async function decodeImage(
  image: DecodableImage,
  options: DecodeOptions = {},
): Promise<DecodeResult | null> {
  const formats = checkFormats(options.formats);
  const accept = options.accept ?? acceptAll;
  options.signal?.throwIfAborted();
  const pixels = readPixels(image, options.region);
  if (options.native !== false) {
    const native = await decodeNative(pixels, formats, accept);
    if (native !== undefined && (native !== null || options.effort !== 'thorough')) return native;
  }
  const { decodeGrey } = await loadZxing();
  options.signal?.throwIfAborted();
  return decodeGrey(toGrey(pixels), {
    formats,
    effort: options.effort ?? 'fast',
    accept,
    code39CheckDigit: options.code39CheckDigit ?? false,
    signal: options.signal,
  });
}

function checkFormats(formats: readonly DecodeFormat[] | undefined): readonly DecodeFormat[] {
  if (formats === undefined) return DECODE_FORMATS;
  if (formats.length === 0 || !formats.every((f) => (DECODE_FORMATS as readonly string[]).includes(f))) {
    throw new DecodeError(
      'decode-invalid-formats',
      'Formats must be a non-empty list of qr_code and code_39.',
    );
  }
  return formats;
}
