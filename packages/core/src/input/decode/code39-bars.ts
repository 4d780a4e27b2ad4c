/**
 * The grey profiles of a located bar code (the mean of its rows along the bars, upper half, lower half, all), and
 * their reading by the template fit of `code39-profile.ts`, as sampled and with uneven light taken out.
 */
import { fitCode39Geometries, readCode39Characters } from './code39-profile.js';
import type { Profile } from './code39-profile.js';
import { sampleLines } from './scanlines.js';
import type { LineBundle } from './scanlines.js';
import type { GreyImage } from './types.js';

/**
 * Profiles of a located bar code: the mean of the upper lines, of the lower lines (two independent readings of the
 * same bars) and of all of them. Each line is itself thickened to cover the space between lines, so every row of
 * pixels across the bars counts and sensor noise averages out.
 */
export function bundleProfiles(
  grey: GreyImage,
  bundle: LineBundle,
): { upper: Profile; lower: Profile; all: Profile } {
  const offsets = bundle.offsets;
  const spacing = offsets.length > 1 ? Math.abs((offsets[1] as number) - (offsets[0] as number)) : 1;
  const strip = sampleLines(grey, { ...bundle, thickness: Math.min(8, Math.max(1, Math.round(spacing))) });
  const half = offsets.length >> 1;
  const mean = (from: number, to: number): Profile => {
    const out = new Float32Array(strip.width);
    for (let y = from; y < to; y++) {
      for (let x = 0; x < strip.width; x++)
        out[x] = (out[x] as number) + (strip.data[y * strip.width + x] as number);
    }
    for (let x = 0; x < strip.width; x++) out[x] = (out[x] as number) / (to - from);
    return out;
  };
  return {
    upper: mean(0, half),
    lower: mean(offsets.length - half, offsets.length),
    all: mean(0, offsets.length),
  };
}

/**
 * The bundle turned to the angle (within ±4.5° of the locator's) at which its profile is sharpest: averaging across
 * the bars at a slightly wrong angle smears them, by the angle times the bars' height. Sharpness is measured over
 * `span` pixels around the bundle's centre — the located code and its quiet zones — not along the whole line: print
 * further along the line does not pull the angle to its own, and the nine trial angles sample a part of the line.
 */
export function alignBundle(grey: GreyImage, bundle: LineBundle, span = bundle.length): LineBundle {
  const length = Math.min(bundle.length, span);
  const sharpness = (angle: number): number => {
    const p = bundleProfiles(grey, { ...bundle, angle, length }).all;
    let sum = 0;
    for (let i = 1; i < p.length; i++) sum += ((p[i] as number) - (p[i - 1] as number)) ** 2;
    return sum;
  };
  const degree = Math.PI / 180;
  let best = { angle: bundle.angle, score: sharpness(bundle.angle) };
  for (const steps of [
    [-4.5, -3, -1.5, 1.5, 3, 4.5],
    [-0.75, 0.75],
  ]) {
    const around = best.angle;
    for (const d of steps) {
      const angle = around + d * degree;
      const score = sharpness(angle);
      if (score > best.score) best = { angle, score };
    }
  }
  return { ...bundle, angle: best.angle };
}

/**
 * Reads a located bar code from its profiles, both directions: a text both halves agree on, or null. `span`: the
 * located length the angle is aligned over (`alignBundle`).
 */
export function readBlurredCode39(grey: GreyImage, bundle: LineBundle, span = bundle.length): string | null {
  return readCode39Profiles(bundleProfiles(grey, alignBundle(grey, bundle, span)));
}

/** Reads the profiles of one bar code, both directions: the text of the best geometry whose characters read. */
export function readCode39Profiles(profiles: {
  upper: Profile;
  lower: Profile;
  all: Profile;
}): string | null {
  const { upper, lower, all } = profiles;
  for (const reverse of [false, true]) {
    const [u, l, a] = reverse ? [upper, lower, all].map((p) => p.slice().reverse()) : [upper, lower, all];
    for (const g of fitCode39Geometries(a as Profile)) {
      const text = readCode39Characters(a as Profile, g, [u as Profile, l as Profile]);
      if (text !== null) return text;
    }
  }
  return null;
}
