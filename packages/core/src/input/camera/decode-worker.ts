/**
 * The camera's decoding Worker (a module worker, loaded from its own URL so it runs under a strict CSP:
 * `worker-src 'self'`, no blob: URLs). It receives one frame at a time, transferred: a `VideoFrame` or an `ImageBitmap`.
 */
import { createRescueRound, decodeFrame, type FrameJob } from './decode-frame.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

type WorkerScope = {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  postMessage(message: WorkerReply): void;
};

const scope = globalThis as unknown as WorkerScope;
// One worker per camera loop: the loop's rescue round (its per-frame budget) lives here.
const round = createRescueRound();

scope.addEventListener('message', (event) => {
  const { id, frame, job } = event.data;
  void run(id, frame, job);
});

async function run(id: number, frame: ImageBitmap | VideoFrame, job: FrameJob): Promise<void> {
  try {
    scope.postMessage({ id, ok: true, result: await decodeFrame(frame, job, undefined, round) });
  } catch (cause) {
    const error = cause as { name?: unknown; code?: unknown; message?: unknown };
    scope.postMessage({
      id,
      ok: false,
      error: {
        name: String(error.name ?? 'Error'),
        code: String(error.code ?? ''),
        message: String(error.message),
      },
    });
  }
}

scope.postMessage({ id: 0, ok: true, ready: true });
