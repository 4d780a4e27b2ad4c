import type { DecodeRegion } from '../decode/types.js';

/** A `VideoFrame` (no copy), else an `ImageBitmap`, else a canvas (old Safari: no `createImageBitmap`). */
export type CameraFrame = VideoFrame | ImageBitmap | HTMLCanvasElement;

/** Frees a frame's pixels at once rather than at garbage collection (a camera stalls on unclosed `VideoFrame`s). */
export function closeFrame(frame: CameraFrame): void {
  if ('close' in frame) frame.close();
}

/** Whether the frame is a `VideoFrame` (checked by class where it exists, so a Worker's realm works too). */
export function isVideoFrame(frame: unknown): frame is VideoFrame {
  return typeof VideoFrame === 'function' && frame instanceof VideoFrame;
}

export type Rect = { x: number; y: number; width: number; height: number };

/** The region in whole pixels of a `width`×`height` picture, at least 1×1 and inside it. */
export function regionRect(width: number, height: number, region: DecodeRegion | undefined): Rect {
  if (!region) return { x: 0, y: 0, width, height };
  const clamp = (v: number): number => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  const x = Math.floor(clamp(region.x) * width);
  const y = Math.floor(clamp(region.y) * height);
  const w = Math.max(1, Math.min(width - x, Math.round(clamp(region.width) * width)));
  const h = Math.max(1, Math.min(height - y, Math.round(clamp(region.height) * height)));
  return { x: Math.min(x, width - 1), y: Math.min(y, height - 1), width: w, height: h };
}

/**
 * Crops `whole` (closed if replaced) to the region in buffer pixels, inside its visible rect (browsers crop
 * the sensor), at even pixels (I420).
 */
export function cropVideoFrame(whole: VideoFrame, region: DecodeRegion | undefined): VideoFrame {
  const visible = whole.visibleRect ?? { x: 0, y: 0, width: whole.codedWidth, height: whole.codedHeight };
  const r = regionRect(whole.displayWidth, whole.displayHeight, region);
  // One axis: the region's span in display pixels → the buffer's, widened to even pixels, inside the visible rect.
  const span = (start: number, size: number, display: number, from: number, length: number): number[] => {
    const low = Math.max(start, 2 * Math.floor((start + (from * size) / display) / 2));
    return [
      low,
      Math.min(start + size, 2 * Math.ceil((start + ((from + length) * size) / display) / 2)) - low,
    ];
  };
  const [x = 0, width = 0] = span(visible.x, visible.width, whole.displayWidth, r.x, r.width);
  const [y = 0, height = 0] = span(visible.y, visible.height, whole.displayHeight, r.y, r.height);
  if (x === visible.x && y === visible.y && width === visible.width && height === visible.height)
    return whole;
  try {
    return new VideoFrame(whole, {
      visibleRect: { x, y, width, height },
      displayWidth: width,
      displayHeight: height,
    });
  } finally {
    whole.close();
  }
}
