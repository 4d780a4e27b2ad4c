/**
 * `@kaiku-scanner/core/camera` — camera scanning (getUserMedia, decoding worker, acceptance).
 *
 * A subpath of its own so that pages import it on demand (`await import('@kaiku-scanner/core/camera')`): the camera
 * adapter and, through it, the decoders stay out of the initial download. The main entry exports only the types (a
 * re-export of code there would put it back in the initial download of bundlers that split code).
 */
export { startCameraScan } from './start-camera-scan.js';
export { CameraError, type CameraErrorCode } from './camera-error.js';
export { claimWorkerPolicy } from './trusted-worker.js';
export type * from './types.js';
export { cameraMessages, type CameraMessageCode } from '../../messages/camera.js';
