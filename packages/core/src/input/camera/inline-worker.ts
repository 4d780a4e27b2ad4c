/**
 * The decoding worker from Blob URLs, for bundlers that emit no file for `new URL('./decode-worker.js',
 * import.meta.url)` (esbuild, rollup without an asset plugin): when that worker fails to load, the camera starts the
 * same worker from the source the build inlined (a lazy chunk, fetched only on this path) and hands it the
 * WebAssembly decoder as a Blob URL. Under a CSP without `blob:` in `worker-src`/`connect-src`, the main thread follows.
 */
import { closeFrame } from './camera-frame.js';
import { createWorkerDecoder, WorkerUnavailableError, type FrameDecoder } from './frame-decoder.js';

/** The worker's and the wasm's Blob URLs: made once per page (one copy in memory), kept for the next camera. */
let blobs: Promise<string[]> | undefined;
const blobUrls = (): Promise<string[]> =>
  (blobs ??= import('../decode/inline-assets.js').then(({ workerSource, wasmBytes }) => {
    const wasm = wasmBytes();
    if (!wasm) throw new WorkerUnavailableError('this build inlines no worker');
    return [
      new Blob([workerSource], { type: 'text/javascript' }),
      new Blob([wasm], { type: 'application/wasm' }),
    ].map((blob) => URL.createObjectURL(blob));
  }));

/** A worker decoder started from the inlined source on its first frame. */
export function createInlineWorkerDecoder(): FrameDecoder {
  let decoder: FrameDecoder | null | undefined;
  let closed = false;
  return {
    kind: 'inlined-worker',
    async decode(frame, job) {
      const [worker, wasmUrl] = await blobUrls().catch((cause: unknown) => {
        closeFrame(frame);
        throw cause instanceof WorkerUnavailableError ? cause : new WorkerUnavailableError(cause);
      });
      decoder ??= closed ? null : createWorkerDecoder(worker!);
      if (decoder) return decoder.decode(frame, { ...job, wasmUrl: job.wasmUrl ?? wasmUrl });
      closeFrame(frame);
      throw new WorkerUnavailableError('the Blob URL worker was refused');
    },
    close() {
      closed = true;
      decoder?.close();
    },
  };
}
