/**
 * zxing-cpp through zxing-wasm, loaded lazily by `decodeImage`: needs `'wasm-unsafe-eval'` in the page's CSP; where it
 * cannot load, `decodeImage` falls back to the JS decoder and says so (`getDecoderStatus`).
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { ReadInputBarcodeFormat, ReaderOptions, ZXingReaderModule } from 'zxing-wasm/reader';
import { withoutCheckCharacter } from './check-character.js';
import type { DecoderStatus } from './decoder-status.js';
import { FLATTEN_RADIUS, flattenLight } from './grey-ops.js';
import type { DecodeFormat, DecodeResult, EngineOptions, GreyImage } from './types.js';

/** Where the .wasm file is served: next to this module (bundlers emit `new URL(…, import.meta.url)` assets). */
export const DEFAULT_WASM_URL = new URL('./zxing_reader.wasm', import.meta.url).href;

/** zxing-cpp's raw models, as the JS decoder reads them (since zxing-wasm 3 `QRCode`, `Code39` are families). */
const FORMAT_NAMES = {
  qr_code: ['QRCodeModel1', 'QRCodeModel2'],
  code_39: ['Code39Std'],
} as const satisfies Record<DecodeFormat, readonly ReadInputBarcodeFormat[]>;

/** What zxing-cpp names the formats above in a result (`QRCode` for either model, `Code39` for standard). */
const RESULT_FORMATS: Partial<Record<string, DecodeFormat>> = { QRCode: 'qr_code', Code39: 'code_39' };

const silent = (): void => undefined;

/** Why the WebAssembly decoder is not in use. */
type WasmFailure = Pick<DecoderStatus, 'httpStatus'> & { readonly reason: 'wasm-not-found' | 'wasm-blocked' };

/** Whether the `.wasm` exists: another URL, bundler-emitted, or beside our build (rollup fills `endsWith`). */
const emitted = (url: string): boolean =>
  url !== DEFAULT_WASM_URL || !url.endsWith('/zxing_reader.wasm') || import.meta.url.endsWith('');

let ready: { url: string; loaded: Promise<WasmFailure | null> } | undefined;

/**
 * Instantiates once per URL; `null` or why not, never rejects. Fetched once, after the CSP probe (a blocked page
 * sends no request): a 404 is told from a refusal, and a file served as `application/wasm` compiles as it streams.
 */
export function loadWasm(url: string): Promise<WasmFailure | null> {
  if (ready?.url !== url) {
    const loaded = (async (): Promise<WasmFailure | null> => {
      if (!(await wasmAllowed())) return { reason: 'wasm-blocked' };
      try {
        const compiled = await compile(url);
        if (!(compiled instanceof WebAssembly.Module)) return compiled;
        // Emscripten's hook: refused, or without the decoder's exports (`done` throws), rejects; no console output.
        const module = await new Promise((resolve, reject) => {
          const instantiateWasm = (
            imports: WebAssembly.Imports,
            done: (i: WebAssembly.Instance) => void,
          ): WebAssembly.Exports => {
            WebAssembly.instantiate(compiled, imports).then(done).catch(reject);
            return {};
          };
          const overrides = { instantiateWasm, print: silent, printErr: silent };
          prepareZXingModule({ overrides, fireImmediately: true }).then(resolve, reject);
        });
        deleteResultVectors(module as ZXingReaderModule);
        return null;
      } catch {
        return { reason: 'wasm-not-found' }; // WebAssembly is allowed (`wasmAllowed`): no decoder, or not this one.
      }
    })();
    ready = { url, loaded };
  }
  return ready.loaded;
}

/** The module at `url` or why not (its response `null`: a network error, or not served beside the code). */
async function compile(url: string): Promise<WebAssembly.Module | WasmFailure> {
  const response = emitted(url) ? await fetch(url, { credentials: 'same-origin' }).catch(() => null) : null;
  const wasm = response?.ok && /^application\/wasm\s*(;|$)/i.test(response.headers.get('content-type') ?? '');
  if (wasm && 'compileStreaming' in WebAssembly) return WebAssembly.compileStreaming(response);
  // Not served beside the code (esbuild, rollup emit no file for it): the copy the build inlined, if any.
  const inlined =
    !response?.ok && url === DEFAULT_WASM_URL && (await import('./inline-assets.js')).wasmBytes();
  if (!inlined && !response?.ok)
    return { reason: 'wasm-not-found', ...(response && { httpStatus: response.status }) };
  // A page server's HTML does not compile: not found.
  return WebAssembly.compile(inlined ? inlined.buffer : await response!.arrayBuffer());
}

/**
 * zxing-wasm's `readBarcodes` (3.1.4) never deletes the C++ vector of results, whose Embind handles then hold each
 * result's arrays and symbol image (a camera worker's heap grew ~0.5 MB a minute): copied out, the vector deleted.
 */
function deleteResultVectors(module: ZXingReaderModule): void {
  const read = module.readBarcodesFromPixmap.bind(module);
  module.readBarcodesFromPixmap = (...args) => {
    const vector = read(...args) as ReturnType<typeof read> & { delete(): void };
    const results = Array.from({ length: vector.size() }, (_, i) => vector.get(i));
    vector.delete();
    return { size: () => results.length, get: (i) => results[i] };
  };
}

/**
 * Whether this page may run WebAssembly (a CSP without `'wasm-unsafe-eval'`: Chromium and Firefox refuse to compile,
 * WebKit only to instantiate): an empty module (`\0asm`, version 1) compiled and instantiated, one report at most.
 */
const wasmAllowed = async (): Promise<boolean> =>
  typeof WebAssembly === 'object' &&
  WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
    () => true,
    () => false,
  );

/** `moreSymbols`: whether the second search among several symbols runs, given the first's time; default yes. */
type WasmOptions = EngineOptions & { readonly moreSymbols?: (firstMs: number) => boolean };

/**
 * One zxing-cpp pass (it tries rotations, inversion and downscaling itself) for the first valid symbol — the pass a
 * plain zxing-wasm loop makes, with or without an `accept` filter, so neither a filter nor a symbol it cannot decode
 * costs a card. Only when the symbol it read is refused (a ticket's barcode in view) does a second pass look for a
 * card among several symbols. `flat`: the frame is `flattenedPixels`, read for QR codes with that stage's binariser
 * among several symbols.
 */
export async function decodeWithWasm(
  pixels: ImageData,
  options: WasmOptions,
  flat?: CppFlatStage,
): Promise<DecodeResult | null> {
  if (flat !== undefined)
    return (await readPass(pixels, { ...options, formats: ['qr_code'] }, MAX_SYMBOLS, FLAT_BINARIZERS[flat]))
      .read;
  const started = performance.now();
  const first = await readPass(pixels, options, 1);
  if (first.read !== null || !first.retry || options.moreSymbols?.(performance.now() - started) === false)
    return first.read;
  return (await readPass(pixels, options, MAX_SYMBOLS)).read;
}

/** Each `cpp-flat*` stage's binariser: once flattened, a global threshold can keep a half-lit module right. */
const FLAT_BINARIZERS = {
  'cpp-flat': 'LocalAverage',
  'cpp-flat-fixed': 'FixedThreshold',
  'cpp-flat-histogram': 'GlobalHistogram',
} as const;
export type CppFlatStage = keyof typeof FLAT_BINARIZERS;

/** The flattened frame (2×2 means) as opaque RGBA: neither zxing reads a QR across a shadow's edge as is. */
export function flattenedPixels(grey: GreyImage): ImageData {
  const flat = flattenLight(grey, FLATTEN_RADIUS);
  const rgba = new Uint8ClampedArray(flat.width * flat.height * 4);
  // Grey to opaque RGBA, a pixel a write (little-endian: alpha in the high byte).
  const words = new Uint32Array(rgba.buffer);
  for (let i = 0; i < words.length; i++) words[i] = 0xff000000 | ((flat.data[i] as number) * 0x010101);
  return new ImageData(rgba, flat.width, flat.height);
}

/** Symbols the second pass looks at: the card among a ticket's, a poster's and a receipt's. */
const MAX_SYMBOLS = 4;

async function readPass(
  pixels: ImageData,
  options: WasmOptions,
  maxNumberOfSymbols: number,
  /** The frame is flattened: read with this binariser and zxing-cpp's plain search. */
  flatBinarizer?: (typeof FLAT_BINARIZERS)[CppFlatStage],
): Promise<{ read: DecodeResult | null; retry: boolean }> {
  const flattened = flatBinarizer !== undefined;
  const readerOptions: ReaderOptions = {
    ...(flattened ? { binarizer: flatBinarizer } : {}),
    formats: options.formats.flatMap((f) => FORMAT_NAMES[f]),
    // A flattened frame is already stretched and evenly lit: zxing-cpp's plain search reads it (and costs half).
    tryHarder: !flattened,
    // 90° turns only help 1D codes, and the JS locator after this pass reads Code 39 at any angle.
    tryRotate: options.effort === 'thorough',
    tryInvert: !flattened,
    tryDownscale: !flattened,
    tryDenoise: options.effort === 'thorough',
    // Linear codes: at least two scanlines must agree (zxing-cpp's default, stated here on purpose).
    minLineCount: 2,
    // The mod-43 check character is the caller's (`code39CheckDigit`), verified below; zxing-cpp leaves it in.
    validateOptionalChecksum: false,
    maxNumberOfSymbols,
    // The raw characters, as the JS decoder returns them: zxing-wasm's default (HRI) renders control characters as
    // `<SOH>` and GS1 data as `(01)…`, which no caller could tell from a printed text.
    textMode: 'Plain',
    // Symbols located but not decoded stay out: counted towards the limit, they end the search at the first one
    // located, however small or misshapen (a ghost of a dark theme's corner hid the card, phone frames, issue 37).
    returnErrors: false,
  };
  const results = await readBarcodes(pixels, readerOptions);
  // Every result is a symbol read (`returnErrors: false`); one refused: the search among several may find the card.
  const retry = results.length > 0;
  for (const r of results) {
    const format = RESULT_FORMATS[r.format];
    if (format === undefined || !options.formats.includes(format)) continue;
    const text = format === 'code_39' && options.code39CheckDigit ? withoutCheckCharacter(r.text) : r.text;
    if (text !== null && text !== '' && options.accept(text, format))
      return { read: { text, format }, retry };
  }
  return { read: null, retry };
}
