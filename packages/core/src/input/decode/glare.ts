import { locateLinearCodes } from './code39-locator.js';
import { stretchContrast } from './grey-ops.js';
import type { LineBundle } from './scanlines.js';
import type { GreyImage } from './types.js';

/**
 * The share of clipped pixels (≥ 250) on located codes' lines, reaching half a region past them (glare hides a code's
 * rest, where nothing is left to locate); only regions whose middle crosses bars (12 edges; not a lamp's rim).
 * @example clippedOverCodes(grey); // 0.3: a third of the located code's lines is white-out (default: locates)
 */
export function clippedOverCodes(
  grey: GreyImage,
  bundles: readonly LineBundle[] = locateLinearCodes(stretchContrast(grey)),
): number | undefined {
  let worst: number | undefined;
  for (const { cx, cy, angle, length, offsets } of bundles) {
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    const middle = offsets[offsets.length >> 1] ?? 0;
    const inner: number[] = [];
    let clipped = 0;
    let total = 0;
    for (const offset of offsets) {
      for (let t = -0.75 * length; t <= 0.75 * length; t++) {
        const x = Math.round(cx + dx * t - dy * offset);
        const y = Math.round(cy + dy * t + dx * offset);
        if (x < 0 || y < 0 || x >= grey.width || y >= grey.height) continue;
        const value = grey.data[y * grey.width + x] as number;
        clipped = clipped + Number(value >= 250);
        total = total + 1;
        // The located part proper: the locator's length includes quiet zones and half as much again.
        if (offset === middle && Math.abs(t) <= length / 4) inner.push(value);
      }
    }
    const mean = inner.reduce((s, v) => s + v, 0) / inner.length;
    // Crossings of the mean along the middle: bars give dozens (every inner sample is counted in `total` too).
    const crossings = inner.filter((v, i) => i > 0 && v > mean !== (inner[i - 1] as number) > mean).length;
    if (crossings >= 12) worst = Math.max(worst ?? 0, clipped / total);
  }
  return worst;
}
