/** JS stages `c39-templates*`: a located code's grey profiles, read by code39-profile.ts's template fit. */
import { withoutCheckCharacter } from './check-character.js';
import type { Code39Options } from './code39-lines.js';
import { fitCode39Geometries, MAX_PROFILE, readCode39Characters, type Profile } from './code39-profile.js';
import { windowed } from './grey-ops.js';
import { sampleLines, type LineBundle } from './scanlines.js';
import type { DecodeResult, GreyImage } from './types.js';

/** Mean profiles of the upper, lower (two independent readings) and all lines, each thickened. */
function bundleProfiles(
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

/** The bundle at the sharpest angle within ±4.5°, judged over `span` px about its centre (the code only). */
function alignBundle(grey: GreyImage, bundle: LineBundle, span: number): LineBundle {
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

/** How far (pixels each way) `flattenProfile` looks for the light around a sample: a character of a small code. */
const FLATTEN_PX = 12;

/** Located regions read by template fit, both directions: the text upper and lower halves both give. */
export function readCode39Templates(
  grey: GreyImage,
  bundles: readonly LineBundle[],
  options: Code39Options,
  /** Read the largest region again with its profile's light taken out (not needed on a flattened frame). */
  flattenLargest = true,
  /** Only this region (a rescue round's part), else all. */
  part?: number,
): DecodeResult | null {
  const done: LineBundle[] = [];
  for (const [index, located] of bundles.entries()) {
    // Across the whole frame (noise and blur split one code into several located pieces), once per line.
    const length = Math.hypot(grey.width, grey.height);
    const bundle = { ...located, length, step: Math.max(0.5, length / MAX_PROFILE) };
    if (done.some((d) => sameLine(d, bundle))) continue;
    done.push(bundle);
    if (part !== undefined && index !== part) continue;
    options.trace?.('profile');
    // Read again with the light taken out (a shadow across it) only on the largest region: the card's bar code in
    // shadow is one, and the others (text, edges) would double the work on frames without a card.
    const flatten = flattenLargest && done.length === 1 && options.use('c39-profile-flat');
    const profiles = bundleProfiles(grey, alignBundle(grey, bundle, located.length));
    const read = readCode39Profiles(
      profiles,
      flatten ? Math.max(4, Math.round(FLATTEN_PX / bundle.step)) : 0,
    );
    const text = read === null || !options.code39CheckDigit ? read : withoutCheckCharacter(read);
    if (text !== null && text !== '' && options.accept(text, 'code_39')) return { text, format: 'code_39' };
  }
  return null;
}

/** Whether two bundles run along nearly the same line (within 3° and a few pixels). */
function sameLine(a: LineBundle, b: LineBundle): boolean {
  const turn = Math.abs(a.angle - b.angle) % Math.PI;
  if (Math.min(turn, Math.PI - turn) > (3 * Math.PI) / 180) return false;
  // Distance of b's centre from a's line.
  return Math.abs(-(b.cx - a.cx) * Math.sin(a.angle) + (b.cy - a.cy) * Math.cos(a.angle)) < 6;
}

/**
 * One code's profiles as sampled, else flattened (`radius` 0: not); flattened, blurred narrow bars merge,
 * so the code ends at a light run of five median runs, not three. Same guards for both.
 */
export function readCode39Profiles(
  profiles: { upper: Profile; lower: Profile; all: Profile },
  radius: number,
): string | null {
  const { upper, lower, all } = profiles;
  const flat = (p: Profile): Profile => flattenProfile(p, radius);
  return (
    readBothWays([all, upper, lower], 3) ??
    (radius > 0 ? readBothWays([all, upper, lower].map(flat), 5) : null)
  );
}

/** `[all, upper, lower]` read forwards, then backwards: the characters fitted on `all`, each checked on the halves. */
function readBothWays(profiles: readonly Profile[], split: number): string | null {
  for (const reverse of [false, true]) {
    const [all, ...halves] = reverse ? profiles.map((p) => p.slice().reverse()) : profiles;
    for (const g of fitCode39Geometries(all as Profile, split)) {
      const text = readCode39Characters(all as Profile, g, halves);
      if (text !== null) return text;
    }
  }
  return null;
}

/** `flattenLight` for a profile; white where envelopes are closer than a fifth of its spread or 12. */
function flattenProfile(p: Profile, radius: number): Profile {
  const n = p.length;
  const sorted = Float32Array.from(p).sort();
  const spread =
    (sorted[Math.floor(0.95 * (n - 1))] as number) - (sorted[Math.floor(0.05 * (n - 1))] as number);
  const minRange = Math.max(12, 0.2 * spread);
  const low = windowed(windowed(p, n, 1, radius, 'min'), n, 1, radius, 'mean');
  const high = windowed(windowed(p, n, 1, radius, 'max'), n, 1, radius, 'mean');
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const dark = low[i] as number;
    const range = (high[i] as number) - dark;
    out[i] = range < minRange ? 255 : Math.min(255, Math.max(0, (((p[i] as number) - dark) * 255) / range));
  }
  return out;
}
