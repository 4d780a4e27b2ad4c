import type { CameraScanHandle, CameraScanOptions } from './types.js';
/**
 * Starts the camera and reports each card ID it reads. Resolves once the preview is playing, with a handle to
 * stop, switch camera, and drive torch and zoom. Rejects with a `CameraError` (`camera-permission-denied`,
 * `camera-not-found`, `camera-in-use`, `camera-insecure-context`, `camera-overconstrained`, `camera-aborted`,
 * `camera-unsupported`, `camera-failed`) and then holds no camera.
 *
 * Every track is stopped on `stop()`, when `signal` aborts (also before the stream has started), when the page is
 * hidden, and when the given video element leaves the document. QR readings are accepted at once; Code 39 only
 * after `code39Confirmations` agreeing frames; an ID is not reported again while it stays in view.
 *
 * @example
 * const scan = await startCameraScan({
 *   video: document.querySelector('video')!,
 *   onScan: ({ id }) => lookUp(id),
 *   onError: (error) => showNotice(error.text.fi),
 * });
 * // later
 * scan.stop();
 */
export declare function startCameraScan(options: CameraScanOptions): Promise<CameraScanHandle>;
