// Loaded with import() when the clerk opens the camera. It imports the core's `./camera` subpath, never the main
// entry: the camera adapter (and, through it, the decoders) lands in a chunk of its own, out of the initial download.
export { startCameraScan } from '@kaiku-scanner/core/camera';
import { CameraError } from '@kaiku-scanner/core/camera';
import type { DecoderStatus } from '@kaiku-scanner/core/decode';

/**
 * `onDecoder` for the camera: when zxing_reader.wasm is missing or blocked, scanning goes on with the weaker JS
 * decoder and staff are told (`camera-decoder-degraded`).
 */
export function reportDegraded(report: (error: CameraError) => void): (status: DecoderStatus) => void {
  return ({ reason }) => {
    if (reason === 'wasm-not-found' || reason === 'wasm-blocked')
      report(new CameraError('camera-decoder-degraded'));
  };
}
