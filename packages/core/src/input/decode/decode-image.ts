import { DecodeError } from './decode-error.js';
import { recordDecoderStatus, type DecoderStatus } from './decoder-status.js';
import { checkOptions, type OptionKeys } from '../../errors/options-error.js';
import { loadJsDecoder, loadWasmDecoder } from './load-decoders.js';
import { decodeNative } from './native-detector.js';
import { readFramePixels, toGrey } from './read-pixels.js';
import { DECODE_FORMATS } from './types.js';
import type { DecodableImage, DecodeFormat, DecodeOptions, DecodeResult, GreyImage, Quad } from './types.js';

const acceptAll = (): boolean => true;

const DECODE_OPTIONS = {
  formats: true,
  region: true,
  effort: true,
  signal: true,
  accept: true,
  code39CheckDigit: true,
  native: true,
  engine: true,
  wasmUrl: true,
} as const satisfies OptionKeys<DecodeOptions>;

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
 * @throws OptionsError `unknown-field` for an option it does not know (`{ format: … }` for `formats`).
 * @throws DecodeError `decode-unsupported-image`, `decode-invalid-region`, `decode-invalid-formats`,
 *   `decode-decoder-unavailable`; the signal's reason when aborted.
 *
 * @example
 * const frame = ctx.getImageData(0, 0, 1280, 720);
 * const read = await decodeImage(frame, { region: { x: 0.1, y: 0.2, width: 0.8, height: 0.6 } });
 * if (read && parseCardId(read.text).ok) show(read.text);
 */
export async function decodeImage(
  image: DecodableImage,
  options: DecodeOptions = {},
): Promise<DecodeResult | null> {
  checkOptions('decodeImage', options, DECODE_OPTIONS);
  const formats = checkFormats(options.formats);
  const accept = options.accept ?? acceptAll;
  const effort = options.effort ?? 'fast';
  const engine = options.engine ?? 'auto';
  const code39CheckDigit = options.code39CheckDigit ?? false;
  options.signal?.throwIfAborted();
  // Translucent pixels are read as white paper: composited when first needed (`onWhite`), not before zxing-cpp reads
  // the frame as given — the scan would cost more than the read on a camera frame (read-pixels.ts).
  const frame = await readFramePixels(image, options.region);
  if (options.native !== false) {
    const native = await decodeNative(frame.onWhite, formats, accept);
    if (native !== undefined) recordDecoderStatus({ engine: 'native' });
    if (native !== undefined && (native !== null || effort !== 'thorough')) return native;
  }
  let wasmRan = false;
  let unreadQr: readonly Quad[] = [];
  let grey: GreyImage | undefined; // the luminance, once: the flattened pass and the JS passes both read it
  let fallback: DecoderStatus = { engine: 'js', reason: 'engine-js' };
  let wasm: Awaited<ReturnType<typeof loadWasmDecoder>> | undefined;
  if (engine !== 'js') {
    wasm = await loadWasmDecoder();
    const wasmUrl = options.wasmUrl ?? wasm.DEFAULT_WASM_URL;
    const failure = await wasm.loadWasm(wasmUrl);
    if (failure === null) {
      options.signal?.throwIfAborted();
      recordDecoderStatus({ engine: 'wasm' });
      const wasmOptions = { formats, effort, accept, code39CheckDigit };
      let reading = await wasm.decodeWithWasm(frame.pixels, wasmOptions);
      // Nothing read as given: from here on translucent pixels are paper, for zxing-cpp too.
      if (reading.read === null && frame.onWhite() !== frame.pixels) {
        options.signal?.throwIfAborted();
        reading = await wasm.decodeWithWasm(frame.onWhite(), wasmOptions);
      }
      const { read, unreadQr: boxes } = reading;
      if (read !== null || engine === 'wasm') return read;
      if (effort === 'thorough') {
        // Stills: zxing-cpp once more on the frame with the light taken out (shadow, glare, dim). Not in `fast`: on
        // a camera's frames without a card it cost more than it read (docs/decoding.md).
        grey = toGrey(frame.onWhite());
        const flattened = await wasm.decodeFlattened(grey, {
          formats,
          effort,
          accept,
          code39CheckDigit,
        });
        if (flattened !== null) return flattened;
      }
      wasmRan = true;
      unreadQr = boxes;
    } else if (engine === 'wasm') {
      throw new DecodeError(
        'decode-decoder-unavailable',
        failure.reason === 'wasm-blocked'
          ? 'WebAssembly could not be instantiated (a CSP without wasm-unsafe-eval?).'
          : `zxing_reader.wasm was not found at ${wasmUrl}.`,
      );
    } else {
      fallback = { engine: 'js', ...failure, wasmUrl };
    }
  }
  if (!wasmRan) recordDecoderStatus(fallback);
  const { decodeGrey } = await loadJsDecoder();
  options.signal?.throwIfAborted();
  const luminance = grey ?? toGrey(frame.onWhite());
  let unread = false;
  const read = await decodeGrey(luminance, {
    formats,
    effort,
    accept,
    code39CheckDigit,
    signal: options.signal,
    rescueOnly: wasmRan,
    unreadQr,
    onUnread: () => (unread = true),
  });
  if (read !== null || !wasmRan || effort !== 'fast' || !unread || wasm === undefined) return read;
  // The JS passes saw a symbol they could not read (two finder patterns of a QR code, a bar-code region): zxing-cpp
  // on the frame with the light taken out, as `thorough` does on every frame. Only there: on a frame where nothing
  // looks like a symbol it cost more than it read (docs/decoding.md).
  options.signal?.throwIfAborted();
  return wasm.decodeFlattened(luminance, { formats, effort, accept, code39CheckDigit });
}

function checkFormats(formats: readonly DecodeFormat[] | undefined): readonly DecodeFormat[] {
  if (formats === undefined) return DECODE_FORMATS;
  if (!Array.isArray(formats) || formats.length === 0 || !formats.every((f) => DECODE_FORMATS.includes(f))) {
    throw new DecodeError(
      'decode-invalid-formats',
      'Formats must be a non-empty list of qr_code and code_39.',
    );
  }
  return formats;
}
