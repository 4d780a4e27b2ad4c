import { DecodeError } from './decode-error.js';
import type * as ZxingDecoder from './zxing-decoder.js';
import type * as WasmDecoder from './zxing-wasm-decoder.js';

export type JsModule = typeof ZxingDecoder;
type WasmModule = typeof WasmDecoder;

let zxing: Promise<JsModule> | undefined;
let wasm: Promise<WasmModule> | undefined;

/**
 * Decoders are loaded with dynamic `import()` on first use, each once: importing @kaiku-scanner/core for the wedge
 * scanner alone never downloads a decoder. A failed load is not cached (a flaky network may recover).
 */
export function loadJsDecoder(): Promise<JsModule> {
  zxing ??= import('./zxing-decoder.js').catch((cause: unknown) => {
    zxing = undefined;
    throw unavailable(cause);
  });
  return zxing;
}

export function loadWasmDecoder(): Promise<WasmModule> {
  wasm ??= import('./zxing-wasm-decoder.js').catch((cause: unknown) => {
    wasm = undefined;
    throw unavailable(cause);
  });
  return wasm;
}

function unavailable(cause: unknown): DecodeError {
  return new DecodeError('decode-decoder-unavailable', 'The barcode decoder could not be loaded.', { cause });
}
