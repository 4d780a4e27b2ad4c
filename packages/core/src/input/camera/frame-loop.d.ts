import type { DecodeRegion } from '../decode/types.js';
import type { FrameJob, FrameReading } from './decode-frame.js';
import { type FrameDecoder } from './frame-decoder.js';
import type { CameraScanStats } from './types.js';
export type FrameLoopOptions = {
    readonly video: HTMLVideoElement;
    readonly region?: DecodeRegion;
    readonly job: FrameJob;
    readonly worker: boolean;
    readonly workerUrl?: string | URL;
    readonly minIntervalMs: number;
    readonly maxIntervalMs: number;
    readonly onFrame: (result: FrameReading, now: number) => void;
    /** A decoding failure that is not "nothing found" (e.g. the decoder could not be loaded). */
    readonly onFatal: (error: unknown) => void;
    /** Internal seam for tests: replaces the worker/main-thread choice. */
    readonly createDecoder?: () => FrameDecoder;
};
export type FrameLoop = {
    start(): void;
    pause(): void;
    stop(): void;
    readonly stats: CameraScanStats;
};
/**
 * Grabs frames from the video as `ImageBitmap`s (cropped to the region, so only those pixels travel) and decodes
 * them one at a time: a new frame is taken only after the previous one is decoded, and the pause between frames
 * grows with the decode time (about half the decoder's time is left idle), so a slow device skips frames instead
 * of queueing them.
 */
export declare function createFrameLoop(options: FrameLoopOptions): FrameLoop;
/** The region in whole video pixels, at least 1×1 and inside the frame. */
export declare function regionRect(width: number, height: number, region: DecodeRegion | undefined): {
    x: number;
    y: number;
    width: number;
    height: number;
};
