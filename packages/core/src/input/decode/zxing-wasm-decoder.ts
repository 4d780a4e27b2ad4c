/**
 * The WebAssembly decoder (zxing-cpp through zxing-wasm), loaded lazily by `decodeImage`. It reads QR codes under
 * blur, noise and perspective that the JS port misses, in a few milliseconds. It needs the page's CSP to allow
 * `'wasm-unsafe-eval'`; where instantiation fails, `decodeImage` falls back to the JS decoder for good.
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { Position, ReaderOptions } from 'zxing-wasm/reader';
import { code39CheckCharacter } from '../../card-id/code39.js';
import type { DecodeEffort, DecodeFormat, DecodeResult, Quad } from './types.js';

/** Where the .wasm file is served: next to this module (bundlers emit `new URL(…, import.meta.url)` assets). */
export const DEFAULT_WASM_URL = new URL('./zxing_reader.wasm', import.meta.url).href;

const FORMAT_NAMES = { qr_code: 'QRCode', code_39: 'Code39' } as const;

const silent = (): void => undefined;

let ready: { url: string; loaded: Promise<boolean> } | undefined;

/** Instantiates the module once per URL; resolves false (never rejects) when WebAssembly is blocked or missing. */
export function loadWasm(url: string): Promise<boolean> {
  if (ready?.url !== url) {
    const loaded = (async () => {
      try {
        await prepareZXingModule({
          overrides: {
            locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path),
            // Emscripten logs load failures to the console; the SDK never writes to it (privacy rule).
            print: silent,
            printErr: silent,
          },
          fireImmediately: true,
        });
        return true;
      } catch {
        return false;
      }
    })();
    ready = { url, loaded };
  }
  return ready.loaded;
}

export type WasmOptions = {
  readonly formats: readonly DecodeFormat[];
  readonly effort: DecodeEffort;
  readonly accept: (text: string, format: DecodeFormat) => boolean;
  readonly code39CheckDigit: boolean;
  /** True when the caller passed an `accept` filter. */
  readonly filtered: boolean;
};

export type WasmReading = {
  /** The first acceptable symbol, or `null`. */
  readonly read: DecodeResult | null;
  /**
   * QR codes zxing-cpp located but could not decode (checksum or format error: strong perspective, a bent card),
   * by their corners: the JS decoder retries there.
   */
  readonly unreadQr: readonly Quad[];
};

/** One zxing-cpp pass (it tries rotations, inversion and downscaling itself). */
export async function decodeWithWasm(pixels: ImageData, options: WasmOptions): Promise<WasmReading> {
  const readerOptions: ReaderOptions = {
    formats: options.formats.map((f) => FORMAT_NAMES[f]),
    tryHarder: true,
    // 90° turns only help 1D codes, and the JS locator after this pass reads Code 39 at any angle.
    tryRotate: options.effort === 'thorough',
    tryInvert: true,
    tryDownscale: true,
    tryDenoise: options.effort === 'thorough',
    // Linear codes: at least two scanlines must agree (zxing-cpp's default, stated here on purpose).
    minLineCount: 2,
    // One symbol is enough unless the caller filters candidates (then look for the card among several).
    maxNumberOfSymbols: options.filtered ? 4 : 1,
    // Symbols located but not decoded come back too (never accepted: `isValid` is false), for `unreadQr`.
    returnErrors: true,
  };
  const results = await readBarcodes(pixels, readerOptions);
  const unreadQr: Quad[] = [];
  for (const r of results) {
    if (!r.isValid) {
      if (r.format === 'QRCode') unreadQr.push(quadOf(r.position));
      continue;
    }
    const format: DecodeFormat | undefined =
      r.format === 'QRCode' ? 'qr_code' : r.format === 'Code39' ? 'code_39' : undefined;
    if (format === undefined || !options.formats.includes(format)) continue;
    const text = format === 'code_39' && options.code39CheckDigit ? withoutCheckCharacter(r.text) : r.text;
    if (text !== null && text !== '' && options.accept(text, format))
      return { read: { text, format }, unreadQr };
  }
  return { read: null, unreadQr };
}

function quadOf(position: Position): Quad {
  return [position.topLeft, position.topRight, position.bottomRight, position.bottomLeft];
}

/** Verifies and strips the mod-43 check character; `null` when it does not match. */
function withoutCheckCharacter(text: string): string | null {
  const data = text.slice(0, -1);
  return data !== '' && code39CheckCharacter(data) === text.slice(-1) ? data : null;
}
