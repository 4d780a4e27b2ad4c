/** Worker source and WASM, inlined by the build (rollup `kaiku-inline-worker`); empty from source. */
const WORKER: string = '';
const WASM: string = '';

export const workerSource = WORKER;

/** The `.wasm` file's bytes, or `undefined` where the build inlined none. */
export const wasmBytes = (): Uint8Array<ArrayBuffer> | undefined =>
  WASM ? Uint8Array.from(atob(WASM), (c) => c.charCodeAt(0)) : undefined;
