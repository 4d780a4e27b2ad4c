/** The engines `decodeImage` composes, best first: the browser's `BarcodeDetector`, zxing-cpp, the JS port. */
export type DecoderEngine = 'native' | 'wasm' | 'js';

/**
 * Why the JS decoder runs instead of zxing-cpp: `wasm-not-found` (this version's `.wasm` file was not served where
 * `wasmUrl` or the default points: a 404, a network failure, a page server answering with its HTML, or a file that
 * does not compile or link — another version's),
 * `wasm-blocked` (WebAssembly refused: a CSP without `'wasm-unsafe-eval'`, or no WebAssembly), `engine-js` (the
 * caller asked for `engine: 'js'`).
 */
export type DecoderFallbackReason = 'wasm-not-found' | 'wasm-blocked' | 'engine-js';

/** Which decoding engine is in use and, for the JS fallback, why (the `.wasm` file's URL and status when it failed). */
export type DecoderStatus = {
  readonly engine: DecoderEngine;
  /** Set when `engine` is `js`: why zxing-cpp is not in use. */
  readonly reason?: DecoderFallbackReason;
  /** The URL the WebAssembly file was looked for at (set with `wasm-not-found` and `wasm-blocked`). */
  readonly wasmUrl?: string;
  /** The HTTP status that answered the `.wasm` request, when the server refused it. */
  readonly httpStatus?: number;
};

let current: DecoderStatus | null = null;

/**
 * The decoder the last `decodeImage` call in this realm used; `null` before the first call. A degraded state is
 * `{ engine: 'js', reason: 'wasm-not-found' | 'wasm-blocked', … }`: it reads noticeably fewer cards (see
 * docs/decoding.md), so show it to staff or fix the deployment. The camera reports the same through
 * `onDecoder` and `stats`, since its decoding runs in a Worker.
 *
 * @example
 * await decodeImage(frame);
 * const status = getDecoderStatus();
 * if (status?.reason === 'wasm-not-found') warnDeployment(`zxing_reader.wasm missing at ${status.wasmUrl}`);
 */
export function getDecoderStatus(): DecoderStatus | null {
  return current;
}

/** Internal: records the engine of the call that just ran. */
export function recordDecoderStatus(status: DecoderStatus): void {
  current = status;
}
