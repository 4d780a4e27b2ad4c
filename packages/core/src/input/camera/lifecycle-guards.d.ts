import type { CameraStopReason } from './types.js';
export type GuardOptions = {
    readonly signal?: AbortSignal;
    /** Stop on pagehide and when the document becomes hidden. */
    readonly stopOnHide: boolean;
    /** Watch this element and stop when it leaves the document. */
    readonly element?: Element;
};
/**
 * Calls `stop` once when the caller's signal aborts, the page is hidden (tab or app switch, navigation, bfcache),
 * or the given element is disconnected. Returns a function that removes every listener.
 *
 * The element is watched with MutationObservers on its document and on each shadow root above it, and counts as
 * disconnected only once it had been connected, so an element attached after the start is not stopped early.
 */
export declare function watchLifecycle(options: GuardOptions, stop: (reason: CameraStopReason) => void): () => void;
