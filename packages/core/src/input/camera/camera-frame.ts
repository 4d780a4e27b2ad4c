/**
 * A grabbed frame: a `VideoFrame` (no copy: the camera's own buffer, read once in the decoder), an `ImageBitmap`
 * where `VideoFrame` is missing or refused, or a canvas where the browser lacks `createImageBitmap` (old Safari).
 */
export type CameraFrame = VideoFrame | ImageBitmap | HTMLCanvasElement;

/** Frees a frame's pixels at once rather than at garbage collection (a camera stalls on unclosed `VideoFrame`s). */
export function closeFrame(frame: CameraFrame): void {
  if ('close' in frame) frame.close();
}

/** Whether the frame is a `VideoFrame` (checked by class where it exists, so a Worker's realm works too). */
export function isVideoFrame(frame: unknown): frame is VideoFrame {
  return typeof VideoFrame === 'function' && frame instanceof VideoFrame;
}
