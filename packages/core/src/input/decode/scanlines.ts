import type { GreyImage } from './types.js';

/**
 * Samples `count` parallel lines across the image at `degrees` (0 = left to right), as the rows of a new image.
 * A Code 39 bar code at any angle becomes a horizontal one in some of these rows, without rotating the frame.
 * Pixels outside the frame read as white (a quiet zone), so a line never invents bars.
 */
export function sampleScanlines(image: GreyImage, degrees: number, count: number): GreyImage {
  const angle = (degrees * Math.PI) / 180;
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const { width: w, height: h } = image;
  const length = Math.ceil(Math.abs(w * dx) + Math.abs(h * dy));
  const span = Math.abs(w * dy) + Math.abs(h * dx);
  const cx = w / 2;
  const cy = h / 2;
  const data = new Uint8ClampedArray(length * count);
  for (let k = 0; k < count; k++) {
    // Lines from the middle outwards: the bar code is usually near the centre of the viewfinder.
    const step = span / (count + 1);
    const rank = k === 0 ? 0 : Math.ceil(k / 2) * (k % 2 === 1 ? 1 : -1);
    const offset = rank * step;
    const ox = cx - dy * offset - (dx * length) / 2;
    const oy = cy + dx * offset - (dy * length) / 2;
    const row = k * length;
    for (let t = 0; t < length; t++) {
      const x = (ox + dx * t) | 0;
      const y = (oy + dy * t) | 0;
      data[row + t] = x >= 0 && y >= 0 && x < w && y < h ? (image.data[y * w + x] as number) : 255;
    }
  }
  return { data, width: length, height: count };
}
