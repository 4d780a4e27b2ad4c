import { describe, expect, it } from 'vitest';
import { quadArea } from './zxing-wasm-decoder.js';

describe('quadArea: how zxing-cpp placed a symbol it could not decode', () => {
  it('measures a square, a turned square and a perspective quadrilateral in either winding', () => {
    const square = [
      { x: 10, y: 10 },
      { x: 50, y: 10 },
      { x: 50, y: 50 },
      { x: 10, y: 50 },
    ] as const;
    expect(quadArea(square)).toBe(1600);
    expect(quadArea([...square].reverse() as unknown as typeof square)).toBe(1600);
    const turned = [
      { x: 30, y: 0 },
      { x: 60, y: 30 },
      { x: 30, y: 60 },
      { x: 0, y: 30 },
    ] as const;
    expect(quadArea(turned)).toBe(1800);
    const perspective = [
      { x: 0, y: 0 },
      { x: 40, y: 10 },
      { x: 40, y: 30 },
      { x: 0, y: 40 },
    ] as const;
    expect(quadArea(perspective)).toBe(1200);
  });

  it('is 0 for a symbol without a place (every corner at the origin, or on one line) or with corners not numbers', () => {
    const origin = { x: 0, y: 0 };
    expect(quadArea([origin, origin, origin, origin])).toBe(0);
    expect(
      quadArea([
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 20, y: 20 },
        { x: 30, y: 30 },
      ]),
    ).toBe(0);
    expect(
      quadArea([
        { x: Number.NaN, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ]),
    ).toBe(0);
  });
});
