import { describe, expect, it } from 'vitest';
import { locateLinearCodes } from './code39-locator.js';
import { stretchContrast } from './grey-ops.js';
import { addNoise, drawCode39 } from './test-images.test-support.js';

const angleGap = (a: number, b: number): number => {
  const d = Math.abs(a - b) % Math.PI;
  return Math.min(d, Math.PI - d);
};

describe('locateLinearCodes', () => {
  for (const degrees of [0, 17, 45, 72, 90, 133]) {
    it(`finds a Code 39 at ${degrees}° and its axis within 5°`, () => {
      const image = drawCode39('A045198723', { width: 640, height: 480, module: 2, degrees, barHeight: 60 });
      const [first] = locateLinearCodes(image);
      expect(first).toBeDefined();
      expect(angleGap(first!.angle, (degrees * Math.PI) / 180)).toBeLessThan((5 * Math.PI) / 180);
      expect(Math.hypot(first!.cx - 320, first!.cy - 240)).toBeLessThan(40);
      expect(first!.offsets).toHaveLength(9);
    });
  }

  it('finds a code in a dark frame whose stretched sensor noise is as strong as the bars', () => {
    const dark = drawCode39('Y689257416', {
      width: 640,
      height: 480,
      module: 2.5,
      degrees: 8,
      barHeight: 50,
      ink: 12,
      paper: 44,
    });
    const image = stretchContrast(addNoise(dark, 26, 5));
    const [first] = locateLinearCodes(image);
    expect(first).toBeDefined();
    expect(angleGap(first!.angle, (8 * Math.PI) / 180)).toBeLessThan((5 * Math.PI) / 180);
  });

  it('finds nothing in a flat image or in noise', () => {
    const flat = { data: new Uint8ClampedArray(320 * 240).fill(200), width: 320, height: 240 };
    expect(locateLinearCodes(flat)).toEqual([]);
    let s = 7;
    const noise = flat.data.map(() => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24);
    expect(locateLinearCodes({ ...flat, data: noise })).toEqual([]);
  });
});
