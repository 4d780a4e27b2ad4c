/**
 * The decoding worker from Blob URLs, for bundlers that emit no file for `new URL('./decode-worker.js',
 * import.meta.url)` (esbuild, rollup without an asset plugin): when that worker fails to load, the camera starts the
 * same worker from the source the build inlined (a lazy chunk, fetched only on this path) and hands it the
 * WebAssembly decoder as a Blob URL. Under a CSP without `blob:` in `worker-src`/`connect-src`, the main thread follows.
 */
import { closeFrame } from './camera-frame.js';
import { createWorkerDecoder, WorkerUnavailableError, type FrameDecoder } from './frame-decoder.js';

async function start(): Promise<[FrameDecoder, string[]]> {
  const { workerSource, wasmBytes } = await import('../decode/inline-assets.js');
  const wasm = wasmBytes();
  if (!wasm) throw new WorkerUnavailableError('this build inlines no worker');
  const urls = [
    new Blob([workerSource], { type: 'text/javascript' }),
    new Blob([wasm], { type: 'application/wasm' }),
  ];
  const [worker, wasmUrl] = urls.map((blob) => URL.createObjectURL(blob)) as [string, string];
  const decoder = createWorkerDecoder(worker) ?? createFailed();
  return [
    { ...decoder, decode: (f, job) => decoder.decode(f, { ...job, wasmUrl: job.wasmUrl ?? wasmUrl }) },
    [worker, wasmUrl],
  ];
}

const createFailed = (): never => {
  throw new WorkerUnavailableError('the Blob URL worker was refused');
};

/** A worker decoder started from the inlined source on its first frame. */
export function createInlineWorkerDecoder(): FrameDecoder {
  let started: Promise<[FrameDecoder, string[]]> | undefined;
  return {
    kind: 'worker',
    async decode(frame, job) {
      const [decoder] = await (started ??= start()).catch((cause: unknown) => {
        closeFrame(frame);
        throw cause instanceof WorkerUnavailableError ? cause : new WorkerUnavailableError(cause);
      });
      return decoder.decode(frame, job);
    },
    close() {
      void started?.then(
        ([decoder, urls]) => {
          decoder.close();
          urls.forEach((url) => URL.revokeObjectURL(url));
        },
        () => undefined,
      );
    },
  };
}
