import type { CameraFeedback } from './types.js';
export type FeedbackOptions = {
    readonly beep: boolean;
    readonly vibrate: boolean;
};
/** The optional built-in feedback: a short WebAudio beep and/or a vibration. Returns `play` and `close`. */
export declare function createFeedback(options: FeedbackOptions): {
    play(f: CameraFeedback): void;
    close(): void;
};
