import { closeFrame, isVideoFrame, type CameraFrame } from './camera-frame.js';
import type { RescueRound } from '../decode/pipeline.js';
import type { FrameJob, FrameReading } from './decode-frame.js';
import type { WorkerPreload, WorkerReply, WorkerRequest } from './decode-worker.js';
import { trustedWorkerUrl } from './trusted-worker.js';

/** Decodes frames one at a time: the Worker beside the code, its inlined copy, or the main thread. */
export type FrameDecoder = {
  readonly kind: 'worker' | 'inlined-worker' | 'main-thread';
  /** Takes ownership of the frame (transfers or closes it). */
  decode(frame: CameraFrame, job: FrameJob): Promise<FrameReading>;
  close(): void;
};

type WorkerConstructor = new (url: string | URL, options?: WorkerOptions) => Worker;

/**
 * Runs `make` (its literal `new Worker(new URL(…))` is what bundlers emit) with `Worker` wrapped for that
 * synchronous call only, its URL passed through the SDK's Trusted Types policy (trusted-worker.ts); a URL `allowed`
 * refuses is never requested: `make` throws.
 */
function constructTrusted(make: () => Worker, allowed: (url: string) => boolean): Worker {
  const global = globalThis as { Worker: WorkerConstructor };
  const Native = global.Worker;
  const Wrapped = function (url: string | URL, options?: WorkerOptions): Worker {
    if (!allowed(String(url))) throw new TypeError(`${String(url)}: not the SDK's decoder worker`);
    return new Native(trustedWorkerUrl(url), options);
  } as unknown as WorkerConstructor;
  try {
    global.Worker = Wrapped;
  } catch {
    return make(); // a locked-down global: no policy, as before
  }
  try {
    return make();
  } finally {
    global.Worker = Native;
  }
}

/** The worker could not be started or died (CSP, missing file, crash): decode on the main thread instead. */
export class WorkerUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The decoding worker is unavailable.', { cause });
    this.name = 'WorkerUnavailableError';
  }
}

type Pending = {
  id: number;
  resolve: (r: FrameReading) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
};

/** A worker that has not answered one frame in this long is taken for hung, and replaced by the main thread. */
const WORKER_TIMEOUT_MS = 15_000;

/** Whether the worker file exists: bundler-emitted, or beside our build (rollup.config.mjs fills `endsWith`). */
const emitted = (url: string): boolean => !url.endsWith('/decode-worker.js') || import.meta.url.endsWith('');

/** Starts the worker (`null` without module Workers or a file), loading `job`'s decoder at once; bundlers emit it. */
export function createWorkerDecoder(workerUrl?: string | URL, job?: WorkerPreload): FrameDecoder | null {
  if (typeof Worker === 'undefined' || typeof createImageBitmap === 'undefined') return null;
  let worker: Worker;
  try {
    // Through the SDK's Trusted Types policy (see trusted-worker.ts), the bundler-visible expression kept whole.
    worker = constructTrusted(
      () =>
        workerUrl
          ? new Worker(workerUrl, { type: 'module' })
          : new Worker(new URL('./decode-worker.js', import.meta.url), { type: 'module' }),
      workerUrl ? (url) => url === String(workerUrl) : emitted,
    );
    if (job) worker.postMessage(job);
  } catch {
    return null;
  }
  let pending: Pending | undefined;
  let failure: Error | undefined;
  let nextId = 1;

  /** The frame in flight, its timer cleared, to be settled now. */
  const take = (): Pending | undefined => {
    const taken = pending;
    clearTimeout(taken?.timer);
    pending = undefined;
    return taken;
  };
  const fail = (error: Error): void => {
    failure ??= error;
    take()?.reject(failure);
    worker.terminate();
  };
  worker.addEventListener('message', ({ data: reply }: MessageEvent<WorkerReply>) => {
    // Only the answer to the frame in flight (a stray message without an `id` is not one).
    if (!pending || reply.id !== pending.id) return;
    const { resolve, reject } = take()!;
    if (reply.ok) resolve(reply.result);
    // A decoding failure in the worker, rebuilt with its name and code.
    else reject(Object.assign(new Error(reply.error.message), reply.error));
  });
  worker.addEventListener('error', (event) => {
    // A load failure (CSP refusal, 404, syntax) or an uncaught crash: never retried, the caller falls back.
    event.preventDefault();
    fail(new WorkerUnavailableError(event.message));
  });
  worker.addEventListener('messageerror', () => fail(new WorkerUnavailableError('messageerror')));

  return {
    kind: 'worker',
    decode(frame, job) {
      if (failure || !(frame instanceof ImageBitmap || isVideoFrame(frame))) {
        closeFrame(frame);
        return Promise.reject(failure ?? new WorkerUnavailableError('not an ImageBitmap or VideoFrame'));
      }
      return new Promise<FrameReading>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => fail(new WorkerUnavailableError('timeout')), WORKER_TIMEOUT_MS);
        pending = { id, resolve, reject, timer };
        const request: WorkerRequest = { id, frame, job };
        try {
          worker.postMessage(request, [frame]);
        } catch (cause) {
          frame.close();
          // An engine that cannot transfer VideoFrames: the worker is fine, the caller sends bitmaps instead.
          if (isVideoFrame(frame)) take()?.reject(new Error('VideoFrame not transferable', { cause }));
          else fail(new WorkerUnavailableError(cause));
        }
      });
    },
    close() {
      fail(new WorkerUnavailableError('closed'));
    },
  };
}

/** Decodes on the main thread; the decoder code is loaded on first use. */
export function createMainThreadDecoder(): FrameDecoder {
  const controller = new AbortController();
  let round: RescueRound | undefined;
  return {
    kind: 'main-thread',
    async decode(frame, job) {
      const module = await import('./decode-frame.js').catch((cause: unknown) => {
        closeFrame(frame);
        throw Object.assign(new Error(String(cause)), {
          name: 'DecodeError',
          code: 'decode-decoder-unavailable',
        });
      });
      const decoded = await module.decodeFrame(
        frame,
        job,
        controller.signal,
        (round ??= module.createRescueRound()),
      );
      round = decoded.round;
      return decoded.result;
    },
    close() {
      controller.abort();
    },
  };
}

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

/**
 * The worker from Blob URLs, for bundlers that emit no worker file; without `blob:` in the CSP the main thread decodes.
 */
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
      const withWasm = { ...job, wasmUrl: job.wasmUrl ?? wasmUrl };
      decoder ??= closed ? null : createWorkerDecoder(worker!, withWasm);
      if (decoder) return decoder.decode(frame, withWasm);
      closeFrame(frame);
      throw new WorkerUnavailableError('the Blob URL worker was refused');
    },
    close() {
      closed = true;
      decoder?.close();
    },
  };
}
