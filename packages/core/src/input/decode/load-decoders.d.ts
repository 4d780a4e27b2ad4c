import type * as ZxingDecoder from './zxing-decoder.js';
import type * as WasmDecoder from './zxing-wasm-decoder.js';
type ZxingModule = typeof ZxingDecoder;
type WasmModule = typeof WasmDecoder;
/**
 * Decoders are loaded with dynamic `import()` on first use, each once: importing @kaiku-scanner/core for the wedge
 * scanner alone never downloads a decoder. A failed load is not cached (a flaky network may recover).
 */
export declare function loadJsDecoder(): Promise<ZxingModule>;
export declare function loadWasmDecoder(): Promise<WasmModule>;
export {};
