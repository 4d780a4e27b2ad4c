import { parseCardId } from '../../card-id/parse-card-id.js';
import { type CameraFrame } from './camera-frame.js';
import type { DecodeEffort, DecodeFormat, DecodeOptions, DecodeResult } from '../decode/types.js';
/** Options of `parseCardId`, passed through to the decoder (structured-cloned into the worker). */
export type CardIdOptions = Parameters<typeof parseCardId>[1];
/** What one frame is decoded with (plain data: it crosses into the worker). */
export type FrameJob = {
    readonly formats: readonly DecodeFormat[];
    readonly effort: DecodeEffort;
    readonly cardId?: CardIdOptions;
    /** Where the WebAssembly decoder is served, when not next to the decoder module. */
    readonly wasmUrl?: DecodeOptions['wasmUrl'];
};
/**
 * One frame's outcome: the first symbol that is a card ID, or else the first symbol that is not (kept apart so a
 * ticket's barcode in view neither hides the card nor passes as one).
 */
export type FrameReading = {
    readonly reading: DecodeResult | null;
    readonly rejected: DecodeResult | null;
};
/** Decodes one camera frame and closes it. Shared by the worker and the main-thread fallback. */
export declare function decodeFrame(bitmap: CameraFrame, job: FrameJob, signal?: AbortSignal): Promise<FrameReading>;
