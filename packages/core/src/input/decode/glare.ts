import { locateLinearCodes } from './code39-locator.js';
import { stretchContrast } from './grey-ops.js';
import type { LineBundle } from './scanlines.js';
import type { GreyImage } from './types.js';

/** A pixel this bright is clipped: the sensor or the browser's range conversion saturated it. */
const CLIPPED = 250;
/** Fewer crossings than this along a region's middle line: a lamp's rim or a shadow's edge, not bars. */
const MIN_CROSSINGS = 12;

/**
 * The share of clipped pixels on located bar codes' lines, `undefined` without a region whose middle crosses bars.
 * The lines reach half a region's length past it: glare hides a code's rest, where nothing is left to locate.
 *
 * @example
 * clippedOverCodes(grey, locateLinearCodes(grey)); // 0.3: a third of the code's lines is white-out
 */
export function clippedOverCodes(grey: GreyImage, bundles: readonly LineBundle[]): number | undefined {
  let worst: number | undefined;
  for (const { cx, cy, angle, length, offsets } of bundles) {
    const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
    const middle = offsets[offsets.length >> 1] ?? 0;
    const inner: number[] = [];
    let [clipped, total] = [0, 0];
    for (const offset of offsets) {
      for (let t = -0.75 * length; t <= 0.75 * length; t++) {
        const x = Math.round(cx + dx * t - dy * offset);
        const y = Math.round(cy + dy * t + dx * offset);
        if (x < 0 || y < 0 || x >= grey.width || y >= grey.height) continue;
        const value = grey.data[y * grey.width + x] as number;
        [clipped, total] = [clipped + Number(value >= CLIPPED), total + 1];
        // The located part proper: the locator's length includes quiet zones and half as much again.
        if (offset === middle && Math.abs(t) <= length / 4) inner.push(value);
      }
    }
    const mean = inner.reduce((s, v) => s + v, 0) / inner.length;
    const crossings = inner.filter((v, i) => i > 0 && v > mean !== (inner[i - 1] as number) > mean).length;
    if (crossings >= MIN_CROSSINGS && total > 0) worst = Math.max(worst ?? 0, clipped / total);
  }
  return worst;
}

/** `clippedOverCodes` over the codes the locator finds (where no decoding stage located them). */
export const glareOver = (grey: GreyImage): number | undefined =>
  clippedOverCodes(grey, locateLinearCodes(stretchContrast(grey)));
