import { HybridBinarizer, PerspectiveTransform, RGBLuminanceSource } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { searchQrFromFinders } from './qr-grid-search.js';
import type { Finder } from './qr-grid-search.js';
import { drawQrInPerspective } from './test-images.test-support.js';

const accept = (): boolean => true;

/** A version-1 symbol under strong perspective (zxing-js's parallelogram guess of its fourth corner misses). */
const corners: [number, number][] = [
  [180, 20],
  [600, 140],
  [450, 470],
  [40, 300],
];
const image = drawQrInPerspective('X654110578', { width: 900, height: 480, corners });
const bits = new HybridBinarizer(
  new RGBLuminanceSource(image.data, image.width, image.height),
).getBlackMatrix();

/** The symbol's finder centres (modules 3.5 and 17.5 of 21) in the image, with their module size. */
function realFinders(): Finder[] {
  const toImage = PerspectiveTransform.quadrilateralToQuadrilateral(
    0,
    0,
    21,
    0,
    21,
    21,
    0,
    21,
    ...(corners.flat() as [number, number, number, number, number, number, number, number]),
  );
  const points = Float32Array.from([3.5, 3.5, 17.5, 3.5, 3.5, 17.5]);
  toImage.transformPoints(points);
  return [0, 2, 4].map((i) => ({ x: points[i] as number, y: points[i + 1] as number, module: 20 }));
}

/**
 * Three finder-like marks on blank paper right of the symbol, half its module size (so that no mixed triple is
 * plausible): a triple with nothing between them.
 */
const fake: Finder[] = [
  { x: 680, y: 100, module: 10 },
  { x: 820, y: 100, module: 10 },
  { x: 680, y: 240, module: 10 },
];

describe('searchQrFromFinders', () => {
  it('reads a strongly tilted version-1 symbol from its three finder centres', () => {
    const budget = { triples: 1 };
    expect(searchQrFromFinders(bits, realFinders(), accept, budget)).toBe('X654110578');
    expect(budget.triples).toBe(0);
  });

  it('decodes no grid for a triple without timing patterns, and keeps its place in the budget', () => {
    // Before, a finder-like triple in text cost 81 grid decodes and took the frame's budget (2 triples in fast mode)
    // from a real symbol later in the list.
    const budget = { triples: 1 };
    expect(searchQrFromFinders(bits, fake, accept, budget)).toBeNull();
    expect(budget.triples).toBe(1);
    expect(searchQrFromFinders(bits, [...fake, ...realFinders()], accept, { triples: 1 })).toBe('X654110578');
  });
});
