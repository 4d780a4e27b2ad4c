import { describe, expect, it } from 'vitest';
import { normalizeLocally } from './scanlines.js';
import type { GreyImage } from './types.js';

/** The definition, sample by sample: min and max over ±radius, O(width·radius). */
function normalizeNaive(image: GreyImage, radius: number, minRange: number): Uint8ClampedArray {
  const { width: w, height: h, data: src } = image;
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let lo = 255;
      let hi = 0;
      for (let k = Math.max(0, x - radius); k <= Math.min(w - 1, x + radius); k++) {
        lo = Math.min(lo, src[y * w + k] as number);
        hi = Math.max(hi, src[y * w + k] as number);
      }
      out[y * w + x] = hi - lo < minRange ? 255 : (((src[y * w + x] as number) - lo) * 255) / (hi - lo);
    }
  }
  return out;
}

describe('normalizeLocally (sliding minimum and maximum)', () => {
  it('gives exactly what the per-sample definition gives', () => {
    let state = 12345;
    const next = (): number => ((state = (state * 1103515245 + 12345) >>> 0) >>> 8) & 255;
    for (const [width, height, radius, minRange] of [
      [700, 5, 24, 28],
      [31, 3, 24, 28],
      [1, 2, 24, 28],
      [200, 4, 3, 10],
    ] as const) {
      // Bars with plateaus and repeated values (ties in the queues) plus noise.
      const data = Uint8ClampedArray.from({ length: width * height }, (_, i) =>
        (i >> 3) % 3 === 0 ? 40 + (next() & 7) : next() < 40 ? 255 : 200 + (next() & 15),
      );
      const image = { data, width, height };
      expect(normalizeLocally(image, radius, minRange)).toEqual({
        data: normalizeNaive(image, radius, minRange),
        width,
        height,
      });
    }
  });
});
