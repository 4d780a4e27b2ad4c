/** A grabbed frame: an `ImageBitmap`, or a canvas where the browser lacks `createImageBitmap` (old Safari). */
export type CameraFrame = ImageBitmap | HTMLCanvasElement;
/** Frees a frame's pixels at once rather than at garbage collection. */
export declare function closeFrame(frame: CameraFrame): void;
