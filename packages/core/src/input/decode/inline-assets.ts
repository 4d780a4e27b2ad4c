/**
 * The decoding worker's source and the WebAssembly decoder, inlined by the package build (rollup.config.mjs,
 * `kaiku-inline-worker`) into a chunk loaded only when the files beside the code are not served; empty from source.
 */
const WORKER: string = '';
const WASM: string = '';

export const workerSource = WORKER;

/** The `.wasm` file's bytes, or `undefined` where the build inlined none. */
export const wasmBytes = (): Uint8Array<ArrayBuffer> | undefined =>
  WASM ? Uint8Array.from(atob(WASM), (c) => c.charCodeAt(0)) : undefined;
