import { describe, expect, it } from 'vitest';
import { hasAlphaPlane, isOpaque } from './read-pixels.js';

/** Opaque RGBA pixels of varied colour: the colour bytes must never decide opacity. */
function opaque(pixels: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : (i * 37) % 256;
  return rgba;
}

describe('isOpaque', () => {
  it('is true for an opaque frame, whatever its colours (black and white included)', () => {
    expect(isOpaque(opaque(1280 * 720))).toBe(true);
    const black = new Uint8ClampedArray(64 * 4);
    for (let i = 3; i < black.length; i += 4) black[i] = 255;
    expect(isOpaque(black)).toBe(true);
    expect(isOpaque(new Uint8ClampedArray(64 * 4).fill(255))).toBe(true);
    expect(isOpaque(new Uint8ClampedArray(0))).toBe(true);
  });

  it('finds one translucent pixel anywhere: first, last, at and beside a chunk boundary', () => {
    const count = 3 * 4096 + 17;
    for (const pixel of [0, 1, 4095, 4096, 4097, 8191, count - 1]) {
      for (const alpha of [0, 128, 254]) {
        const rgba = opaque(count);
        rgba[pixel * 4 + 3] = alpha;
        expect(isOpaque(rgba), `pixel ${pixel}, alpha ${alpha}`).toBe(false);
      }
    }
  });

  it('reads a view that does not start on a 4-byte boundary byte by byte, with the same answers', () => {
    const backing = new Uint8ClampedArray(1 + 100 * 4);
    const view = backing.subarray(1);
    view.set(opaque(100));
    expect(isOpaque(view)).toBe(true);
    view[57 * 4 + 3] = 200;
    expect(isOpaque(view)).toBe(false);
    // A view at an aligned offset into a larger buffer: only its own pixels count.
    const aligned = new Uint8ClampedArray(8 + 10 * 4);
    aligned.set(opaque(10), 8);
    expect(isOpaque(aligned.subarray(8))).toBe(true);
    expect(isOpaque(aligned)).toBe(false);
  });
});

describe('hasAlphaPlane', () => {
  it('is false only for YUV formats without an alpha plane (a camera frame copies to alpha 255)', () => {
    for (const format of [
      'NV12',
      'I420',
      'I420P10',
      'I420P12',
      'I422',
      'I422P10',
      'I444',
      'I444P12',
    ] as const)
      expect(hasAlphaPlane(format), format).toBe(false);
    for (const format of ['I420A', 'I420AP10', 'I422A', 'I444A', 'RGBA', 'BGRA', 'RGBX', 'BGRX'] as const)
      expect(hasAlphaPlane(format), format).toBe(true);
    expect(hasAlphaPlane(null)).toBe(true);
  });
});
