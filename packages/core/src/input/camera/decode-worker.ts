/** The decoding module Worker, from its own URL for a strict CSP (no blob:); takes one transferred frame. */
import { createRescueRound, decodeFrame, type FrameJob, type FrameReading } from './decode-frame.js';

/** Main thread → worker: one frame, transferred. */
export type WorkerRequest = {
  readonly id: number;
  readonly frame: ImageBitmap | VideoFrame;
  readonly job: FrameJob;
};

/** Worker → main thread: the frame's outcome or a decoding failure. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: FrameReading }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { name: string; code: string; message: string };
    };

type WorkerScope = {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  postMessage(message: WorkerReply): void;
};

const scope = globalThis as unknown as WorkerScope;
// One worker per camera loop: the loop's rescue round (its per-frame budget) lives here.
let round = createRescueRound();

scope.addEventListener('message', (event) => void run(event.data));

async function run({ id, frame, job }: WorkerRequest): Promise<void> {
  try {
    const decoded = await decodeFrame(frame, job, undefined, round);
    round = decoded.round ?? round;
    scope.postMessage({ id, ok: true, result: decoded.result });
  } catch (cause) {
    const e = cause as { name?: unknown; code?: unknown; message?: unknown };
    const error = { name: String(e.name ?? 'Error'), code: String(e.code ?? ''), message: String(e.message) };
    scope.postMessage({ id, ok: false, error });
  }
}
