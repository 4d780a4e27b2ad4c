import { describe, expect, it } from 'vitest';
import { decodeGrey } from './zxing-decoder.js';
import type { ZxingOptions } from './zxing-decoder.js';
import { addNoise, blurGrey, drawCode39, drawQrInPerspective } from './test-images.test-support.js';

const options: ZxingOptions = {
  formats: ['qr_code', 'code_39'],
  effort: 'fast',
  accept: () => true,
  code39CheckDigit: false,
  signal: undefined,
};

describe('decodeGrey (the pure-JS passes, in Node)', () => {
  for (const degrees of [0, 30, 90, 145, -60]) {
    it(`reads Code 39 rotated ${degrees}°`, async () => {
      const image = drawCode39('X000011986', { width: 800, height: 600, module: 2, degrees, barHeight: 70 });
      expect(await decodeGrey(image, options)).toEqual({ text: 'X000011986', format: 'code_39' });
    });
  }

  it('reads a negative Code 39, and in rescue-only mode too', async () => {
    const image = drawCode39('Z000010669', {
      width: 640,
      height: 480,
      module: 2,
      degrees: 10,
      barHeight: 60,
      ink: 230,
      paper: 25,
    });
    expect(await decodeGrey(image, options)).toEqual({ text: 'Z000010669', format: 'code_39' });
    expect(await decodeGrey(image, { ...options, rescueOnly: true })).toEqual({
      text: 'Z000010669',
      format: 'code_39',
    });
  });

  it('reads a Code 39 defocused by about one narrow module (blurred templates), rescue-only too', async () => {
    const sharp = drawCode39('A972120590', {
      width: 640,
      height: 480,
      module: 1.6,
      degrees: 4,
      barHeight: 50,
    });
    const image = addNoise(blurGrey(sharp, 1.4), 6);
    const want = { text: 'A972120590', format: 'code_39' };
    expect(await decodeGrey(image, options)).toEqual(want);
    expect(await decodeGrey(image, { ...options, rescueOnly: true })).toEqual(want);
  });

  it('reads a version-1 QR code filling the frame under strong perspective, from its finder patterns', async () => {
    // No alignment pattern: zxing-js's parallelogram guess of the fourth corner misses by several modules here.
    for (const corners of [
      [
        [120, 40],
        [540, 90],
        [560, 470],
        [60, 400],
      ],
      [
        [180, 20],
        [600, 140],
        [450, 470],
        [40, 300],
      ],
    ] as [number, number][][]) {
      const image = drawQrInPerspective('X654110578', { width: 640, height: 480, corners });
      expect(await decodeGrey(image, { ...options, formats: ['qr_code'] })).toEqual({
        text: 'X654110578',
        format: 'qr_code',
      });
    }
  });

  it('returns null when only QR is wanted, when the filter refuses, and for a blank frame', async () => {
    const image = drawCode39('Y110029399', { width: 640, height: 480, module: 2, degrees: 0, barHeight: 60 });
    expect(await decodeGrey(image, { ...options, formats: ['qr_code'] })).toBeNull();
    expect(await decodeGrey(image, { ...options, accept: () => false })).toBeNull();
    const blank = { data: new Uint8ClampedArray(640 * 480).fill(255), width: 640, height: 480 };
    expect(await decodeGrey(blank, { ...options, effort: 'thorough' })).toBeNull();
  });

  it('stops at an aborted signal', async () => {
    const image = drawCode39('A045198723', { width: 320, height: 240, module: 1, degrees: 0, barHeight: 40 });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(decodeGrey(image, { ...options, signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('decodeGrey and the stack-trace limit', () => {
  const errors = Error as ErrorConstructor & { stackTraceLimit?: number };

  it('restores Error.stackTraceLimit after a read, a miss and an abort', async () => {
    const before = errors.stackTraceLimit;
    expect(before).toBeGreaterThan(0);
    const image = drawCode39('X000011986', { width: 640, height: 480, module: 2, degrees: 0, barHeight: 60 });
    expect(await decodeGrey(image, options)).not.toBeNull();
    expect(errors.stackTraceLimit).toBe(before);
    const blank = { data: new Uint8ClampedArray(320 * 240).fill(200), width: 320, height: 240 };
    expect(await decodeGrey(blank, options)).toBeNull();
    expect(errors.stackTraceLimit).toBe(before);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(decodeGrey(blank, { ...options, signal: controller.signal })).rejects.toThrow('stop');
    expect(errors.stackTraceLimit).toBe(before);
    // Errors created outside the passes keep their stacks.
    expect(new Error('x').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
