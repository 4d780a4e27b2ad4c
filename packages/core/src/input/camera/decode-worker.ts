/** The decoding module Worker, from its own URL for a strict CSP (no blob:); takes one transferred frame. */
import { createRescueRound, decodeFrame, preloadDecoder } from './decode-frame.js';
import type { FrameJob, FrameReading } from './decode-frame.js';

/** Main thread → worker: one frame, transferred. */
export type WorkerRequest = { id: number; frame: ImageBitmap | VideoFrame; job: FrameJob };

/** Worker → main thread: the frame's outcome or a decoding failure. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: FrameReading }
  | { readonly id: number; readonly ok: false; readonly error: Record<'name' | 'code' | 'message', string> };

/** Main thread → worker, first: what the jobs need, so that the decoder loads while the first frame is on its way. */
export type WorkerPreload = Pick<FrameJob, 'formats' | 'effort' | 'wasmUrl'>;

const scope = globalThis as unknown as { postMessage(message: WorkerReply): void };
// One worker per camera loop: the loop's rescue round (its per-frame budget) lives here.
let round = createRescueRound();

type Incoming = MessageEvent<WorkerRequest | WorkerPreload>;
const take = ({ data }: Incoming): void => void ('frame' in data ? run(data) : preloadDecoder(data));
addEventListener('message', take);

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
