import { DecodeError } from './decode-error.js';
import { recordDecoderStatus } from './decoder-status.js';
import { checkOptions, optionKeys } from '../../errors/options-error.js';
import { decodeNative } from './native-detector.js';
import { readFramePixels, toGrey } from './read-pixels.js';
import { enabled, frameFacts, mayRescue, mayRescueInside, rescued, runStages } from './pipeline.js';
import type { JsStageName, PipelineControl, Staged, StageName, StageRead } from './pipeline.js';
import { DECODE_FORMATS } from './types.js';
import type * as JsDecoder from './zxing-decoder.js';
import type { JsFrame } from './zxing-decoder.js';
import type { CppFlatStage } from './zxing-wasm-decoder.js';
import type { DecodableImage, DecodeFormat, DecodeOptions, DecodeResult, GreyImage } from './types.js';

const acceptAll = (): boolean => true;

/** Imports a decoder on first use (a wedge-only page never downloads one); a failed load is not kept. */
function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new DecodeError('decode-decoder-unavailable', 'The barcode decoder could not be loaded.', {
        cause,
      });
    }));
}
// Loaded, or its load settled (a failure: the next JS stage tries again and fails the frame).
let jsDecoder: typeof JsDecoder | undefined;
let jsSettled = false;
const loadJsDecoder = lazyModule(() =>
  import('./zxing-decoder.js').then((m) => (jsDecoder = m)).finally(() => (jsSettled = true)),
);
const loadWasmDecoder = lazyModule(() => import('./zxing-wasm-decoder.js'));
/**
 * The glare over the codes located in `grey` for it alone (glare.ts, a full frame's locator): a rescue, else NaN. It is
 * the exposure's only input, so a fourth frame in a row that wants it runs it on debt (later rescues wait for it).
 */
async function glareOf(control: PipelineControl, grey: () => GreyImage): Promise<number | undefined> {
  const started = performance.now();
  const round = control.round;
  if (!mayRescue(control, round?.cost.get('glare') ?? 0) && (!round || round.credit.glareWaits++ < 3))
    return NaN;
  if (round) round.credit.glareWaits = 0;
  const glare = (await import('./glare.js')).clippedOverCodes(grey());
  rescued(control, 'glare', started);
  return glare;
}

const DECODE_OPTIONS = optionKeys<DecodeOptions>()(
  'formats region effort signal accept code39CheckDigit native engine wasmUrl',
);

/**
 * Reads one QR code or Code 39 bar code from an image: `{ text, format }`, or `null` when the frame holds none
 * (never an exception for "nothing found"). Runs on the main thread and in a dedicated Worker (no DOM needed).
 * The text is raw: validate it with `parseCardId` (or pass `accept: acceptsCardId` to skip other barcodes).
 *
 * Composition (pipeline.ts; measured, see docs/decoding.md): the browser's `BarcodeDetector` when it supports the
 * wanted formats; else zxing-cpp in WebAssembly, then the pure-JS @zxing/library stages that read what it misses
 * (Code 39 at any rotation or blurred, QR codes it loses); where WebAssembly is blocked, the JS stages alone.
 * Decoders load lazily on first use.
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
  const { read } = await decodeStages(image, options);
  return read && { text: read.text, format: read.format };
}

const blank = (): ImageData => new ImageData(1, 1);
const refuse = (): boolean => false;
/** Loads the wasm decoder before a first frame (which reports a failure), unless the browser's detector reads it. */
export async function preloadDecoder(job: DecodeOptions): Promise<void> {
  const native = job.effort !== 'thorough' && decodeNative(blank, job.formats ?? DECODE_FORMATS, refuse);
  if ((await (native || undefined)?.catch(() => undefined)) === null) return;
  const loaded = await loadWasmDecoder().catch(() => undefined);
  await loaded?.loadWasm(job.wasmUrl ?? loaded.DEFAULT_WASM_URL);
}

/** `decodeImage` with pipeline switches (the table in pipeline.ts); `glare`: measured also where the detector ran. */
export async function decodeStages(
  image: DecodableImage,
  options: DecodeOptions,
  control?: PipelineControl & { readonly glare?: boolean },
): Promise<Staged & { readonly glare?: number | undefined }> {
  const formats = checkFormats(options.formats);
  const accept = options.accept ?? acceptAll;
  const effort = options.effort ?? 'fast';
  const engine = options.engine ?? 'auto';
  const code39CheckDigit = options.code39CheckDigit ?? false;
  const { signal } = options;
  signal?.throwIfAborted();
  // Translucent pixels are read as white paper: composited when first needed (`onWhite`), not before zxing-cpp reads
  // the frame as given — the scan would cost more than the read on a camera frame (read-pixels.ts).
  const frame = await readFramePixels(image, options.region);
  if (options.native !== false) {
    const native = await decodeNative(frame.onWhite, formats, accept);
    if (native !== undefined) recordDecoderStatus({ engine: 'native' });
    if (native !== undefined && (native !== null || effort !== 'thorough')) {
      const measure = native === null && control?.glare === true;
      const glare = measure ? await glareOf(control, () => toGrey(frame.onWhite())) : undefined;
      return { read: native, glare, ...(control?.round && { round: control.round }) };
    }
  }
  const wasmOptions = { formats, effort, accept, code39CheckDigit };
  let wasm: Awaited<ReturnType<typeof loadWasmDecoder>> | undefined;
  if (engine !== 'js') {
    const loaded = await loadWasmDecoder();
    const wasmUrl = options.wasmUrl ?? loaded.DEFAULT_WASM_URL;
    const failure = await loaded.loadWasm(wasmUrl);
    signal?.throwIfAborted();
    if (failure === null) {
      wasm = loaded;
      recordDecoderStatus({ engine: 'wasm' });
    } else if (engine === 'wasm') {
      throw new DecodeError(
        'decode-decoder-unavailable',
        failure.reason === 'wasm-blocked'
          ? 'WebAssembly could not be instantiated (a CSP without wasm-unsafe-eval?).'
          : `zxing_reader.wasm was not found at ${wasmUrl}.`,
      );
    } else recordDecoderStatus({ engine: 'js', ...failure, wasmUrl });
  } else recordDecoderStatus({ engine: 'js', reason: 'engine-js' });
  // The JS stages' module (loaded when the first JS stage runs) and the frame's luminance, made once.
  let js = jsDecoder;
  let grey: GreyImage | undefined;
  const luminance = (): GreyImage => (grey ??= toGrey(frame.onWhite()));
  let jsStages: JsFrame | undefined;
  const jsFrameOf = (): JsFrame | undefined =>
    (jsStages ??= (js ??= jsDecoder)?.jsFrame(luminance(), {
      ...wasmOptions,
      signal,
      rescueOnly: wasm !== undefined,
      ...(control === undefined ? {} : { control }),
    }));
  const facts = frameFacts(wasmOptions, frame.pixels, wasm !== undefined, {
    qrSeen: () => jsFrameOf()?.facts.qrSeen() ?? false,
    barsSeen: () => jsFrameOf()?.facts.barsSeen() ?? false,
    parts: (stage) => (stage.startsWith('cpp') ? 1 : (jsFrameOf()?.parts(stage as JsStageName) ?? 1)),
    jsLoaded: () => jsSettled,
  });
  let flat: ImageData | undefined;
  const cppOnly = engine === 'wasm' || (control?.rescue === false && wasm !== undefined);
  const only = cppOnly ? (stage: StageName): boolean => stage === 'cpp' : undefined;
  const run = async (stage: StageName, part?: number): Promise<StageRead | null> => {
    if (wasm !== undefined && stage === 'cpp') {
      // zxing-cpp's pass, then (a symbol it read refused: a card beside a ticket's barcode) its search among several
      // symbols: a rescue, which runs where its recent cost (else the first pass's time) ends before the next frame
      // or the round's credit covers it. It costs several times the first pass: a frame of a non-card QR code does
      // not pay it every time.
      const cppPass = async (pixels: ImageData): Promise<StageRead | null> => {
        let symbolsAt = Infinity;
        const moreSymbols = (ms: number): boolean =>
          enabled(control, 'cpp-symbols') &&
          mayRescueInside(control, 'cpp-symbols', ms) &&
          (symbolsAt = performance.now()) > 0;
        const read = await wasm.decodeWithWasm(pixels, { ...wasmOptions, moreSymbols });
        if (symbolsAt < Infinity) rescued(control, 'cpp-symbols', symbolsAt, true);
        return read;
      };
      let read = await cppPass(frame.pixels);
      // Nothing read as given: from here on translucent pixels are paper, for zxing-cpp too.
      if (read === null && frame.onWhite() !== frame.pixels) {
        signal?.throwIfAborted();
        read = await cppPass(frame.onWhite());
      }
      // The JS stages' module now: a round that resumes past them looks at what they see in its triggers. A camera frame
      // does not wait for it (its round does), and loads it only as rescue work (`mayRescue`).
      const loading = read === null && only === undefined && mayRescue(control, 0) && loadJsDecoder();
      if (loading && !control?.round) js ??= await loading;
      else if (loading) loading.catch(() => undefined);
      return read;
    }
    if (wasm !== undefined && stage.startsWith('cpp-flat')) {
      flat ??= wasm.flattenedPixels(luminance());
      return wasm.decodeWithWasm(flat, wasmOptions, stage as CppFlatStage);
    }
    js ??= await loadJsDecoder();
    signal?.throwIfAborted();
    return (jsFrameOf() as JsFrame).run(stage as JsStageName, part);
  };
  const staged = await runStages(facts, run, control, signal, only);
  const measure = control?.glare === true && staged.read === null;
  // Where the track can act on glare and nothing was read: over the JS stages' located codes, else located for it.
  const glare = !measure
    ? undefined
    : jsStages
      ? jsStages.facts.clipped()
      : await glareOf(control, luminance);
  return { ...staged, glare };
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
