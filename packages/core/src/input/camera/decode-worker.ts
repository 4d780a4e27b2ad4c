/** The decoding module Worker, from its own URL for a strict CSP (no blob:); takes one transferred frame. */
import { decodeNative } from '../decode/native-detector.js';
import { DEFAULT_WASM_URL, loadWasm } from '../decode/zxing-wasm-decoder.js';
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
  | { readonly id: number; readonly ok: false; readonly error: Record<'name' | 'code' | 'message', string> };

type WorkerScope = {
  readonly name: string;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  postMessage(message: WorkerReply): void;
};

const scope = globalThis as unknown as WorkerScope;
// One worker per camera loop: the loop's rescue round (its per-frame budget) lives here.
let round = createRescueRound();

scope.addEventListener('message', (event) => void run(event.data));

// Named after the jobs' `wasmUrl`: the decoder loads while the first frame is on its way, unless the browser's own
// detector reads both formats (then a frame may never need it).
const blank = (): ImageData => new ImageData(1, 1);
const native = decodeNative(blank, ['qr_code', 'code_39'], () => false);
void native.then((read) => void (read === undefined && loadWasm(scope.name || DEFAULT_WASM_URL)));

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
