import { describe, expect, it } from 'vitest';
import { flattenLight, halve, invert, stretchContrast } from './grey-ops.js';
import { sampleLines, sharpenRows } from './scanlines.js';

const img = (width: number, height: number, values: number[]) => ({
  data: Uint8ClampedArray.from(values),
  width,
  height,
});

describe('grey operations', () => {
  it('halve averages 2×2 blocks', () => {
    expect([...halve(img(4, 2, [0, 4, 8, 8, 4, 8, 8, 8])).data]).toEqual([4, 8]);
  });

  it('invert mirrors the levels', () => {
    expect([...invert(img(3, 1, [0, 100, 255])).data]).toEqual([255, 155, 0]);
  });

  it('stretchContrast spreads a narrow band to 0–255 and leaves a flat image alone', () => {
    const dim = img(
      100,
      1,
      Array.from({ length: 100 }, (_, i) => 20 + (i % 2) * 30),
    );
    const out = stretchContrast(dim).data;
    expect(Math.min(...out)).toBe(0);
    expect(Math.max(...out)).toBe(255);
    const flat = img(10, 1, Array(10).fill(90));
    expect(stretchContrast(flat)).toBe(flat);
  });
});

describe('sharpenRows', () => {
  it('steepens a soft edge and keeps flat stretches flat', () => {
    const soft = [200, 200, 200, 200, 200, 170, 130, 90, 60, 60, 60, 60, 60];
    const out = sharpenRows(img(soft.length, 1, soft), 2, 1.5).data;
    expect(out[5]).toBeGreaterThan(170);
    expect(out[7]).toBeLessThan(90);
    expect(out[0]).toBe(200);
    expect(out[12]).toBe(60);
  });
});

describe('scanlines', () => {
  it('samples a horizontal line through the middle, and white outside the frame', () => {
    const image = img(4, 3, [0, 0, 0, 0, 10, 20, 30, 40, 0, 0, 0, 0]);
    const strip = sampleLines(image, { cx: 2, cy: 1.5, angle: 0, length: 6, offsets: [0] });
    expect([...strip.data]).toEqual([255, 10, 20, 30, 40, 255]);
    const down = sampleLines(image, { cx: 1.5, cy: 1.5, angle: Math.PI / 2, length: 3, offsets: [0] });
    expect([...down.data]).toEqual([0, 20, 0]);
  });
});

describe('flattenLight', () => {
  /** Square modules of `m` px in a checkerboard, lit `light` × the paper on the left half and `shade` × on the right. */
  function shadedChecker(m: number, cols: number, rows: number, light: number, shade: number) {
    const width = m * cols;
    const height = m * rows;
    const data = new Uint8ClampedArray(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dark = ((x / m) | 0) % 2 === ((y / m) | 0) % 2;
        const reflect = dark ? 0.1 : 0.9;
        data[y * width + x] = 255 * reflect * (x < width / 2 ? light : shade);
      }
    }
    return { data, width, height };
  }

  it('makes dark modules dark and light ones light on both sides of a shadow', () => {
    const m = 6;
    const centres = (image: { data: Uint8ClampedArray; width: number }) => {
      const dark: number[] = [];
      const light: number[] = [];
      for (let row = 1; row < 7; row++) {
        for (let col = 1; col < 23; col++) {
          const v = image.data[(row * m + m / 2) * image.width + col * m + m / 2] as number;
          (col % 2 === row % 2 ? dark : light).push(v);
        }
      }
      return { darkest: Math.max(...dark), lightest: Math.min(...light) };
    };
    // A hard shadow at a tenth of the light: its light modules (23) are darker than the lit dark ones (25), so no
    // threshold separates them as lit.
    const image = shadedChecker(m, 24, 8, 1, 0.1);
    const lit = centres(image);
    expect(lit.lightest).toBeLessThan(lit.darkest);
    const flat = centres(flattenLight(image, 4));
    expect(flat.darkest).toBeLessThan(64);
    expect(flat.lightest).toBeGreaterThan(flat.darkest);
  });

  it('whitens flat paper instead of stretching its noise', () => {
    const data = Uint8ClampedArray.from({ length: 64 * 64 }, (_, i) => 180 + (i % 3));
    const flat = flattenLight({ data, width: 64, height: 64 }, 4);
    expect(new Set(flat.data)).toEqual(new Set([255]));
  });

  it('keeps the size and never writes outside 0–255 at the edges', () => {
    const image = shadedChecker(5, 7, 3, 0.8, 0.5);
    const flat = flattenLight(image, 8);
    expect([flat.width, flat.height]).toEqual([35, 15]);
    expect(flat.data.length).toBe(35 * 15);
  });
});
