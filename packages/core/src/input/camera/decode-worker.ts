/** The decoding module Worker, from its own URL for a strict CSP (no blob:); takes one transferred frame. */
import { decodeNative } from '../decode/native-detector.js';
import { DEFAULT_WASM_URL, loadWasm } from '../decode/zxing-wasm-decoder.js';
import { createRescueRound, decodeFrame, type FrameJob, type FrameReading } from './decode-frame.js';

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
addEventListener('message', ({ data }: Incoming) => void ('frame' in data ? run(data) : preload(data)));

const [blank, refuse] = [(): ImageData => new ImageData(1, 1), (): boolean => false];
/** Loads the .wasm now, unless the browser's own detector reads the formats (`null`: nothing on a blank). */
async function preload({ formats, effort, wasmUrl }: WorkerPreload): Promise<void> {
  const native = effort !== 'thorough' && (await decodeNative(blank, formats, refuse).catch(() => undefined));
  if (native !== null) await loadWasm(wasmUrl ?? DEFAULT_WASM_URL);
}

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
