import type { FrameJob, FrameReading } from './decode-frame.js';

/** Main thread → worker: one frame, transferred. */
export type WorkerRequest = {
  readonly id: number;
  readonly frame: ImageBitmap | VideoFrame;
  readonly job: FrameJob;
};

/** Worker → main thread: the frame's outcome, a decoding failure, or (id 0) the worker's ready signal. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result?: FrameReading; readonly ready?: true }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { name: string; code: string; message: string };
    };
