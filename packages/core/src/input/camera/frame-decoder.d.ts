import type { CameraFrame } from './camera-frame.js';
import type { FrameJob, FrameReading } from './decode-frame.js';
/** Decodes camera frames one at a time, in a Worker or on the main thread. */
export type FrameDecoder = {
    readonly kind: 'worker' | 'main-thread';
    /** Takes ownership of the frame (transfers or closes it). */
    decode(frame: CameraFrame, job: FrameJob): Promise<FrameReading>;
    close(): void;
};
/** The worker could not be started or died (CSP, missing file, crash): decode on the main thread instead. */
export declare class WorkerUnavailableError extends Error {
    constructor(cause?: unknown);
}
/** A decoding failure reported by the worker, rebuilt on the main thread. */
export declare class FrameDecodeError extends Error {
    readonly code: string;
    constructor(error: {
        name: string;
        code: string;
        message: string;
    });
}
/**
 * Starts the decoding worker, or returns `null` when this browser has no module Workers. The URL expression is
 * written inline so that bundlers (Vite, webpack, Parcel, esbuild plugins) find and emit the worker file.
 */
export declare function createWorkerDecoder(workerUrl?: string | URL): FrameDecoder | null;
/** Decodes on the main thread; the decoder code is loaded on first use. */
export declare function createMainThreadDecoder(): FrameDecoder;
