import { describe, expect, it } from 'vitest';
import { readCode39Profiles } from './code39-bars.js';
import { fitCode39Geometries, readCode39Characters } from './code39-profile.js';
import { readCode39Tolerant } from './code39-row.js';
import { code39Bars } from './test-images.test-support.js';

/**
 * A profile across a printed Code 39 (wide = 3 narrow): `module` samples per narrow module at the start, `growth`
 * times that at the end (perspective), blurred by a Gaussian of `blur` samples, with ±`noise` levels of noise.
 */
function profile(
  text: string,
  options: { module: number; blur: number; growth?: number; noise?: number; quiet?: number; seed?: number },
): Float32Array {
  const bars = code39Bars(text);
  const quiet = (options.quiet ?? 12) * options.module;
  const growth = options.growth ?? 1;
  // Module i starts at position(i): widths grow linearly from module to module·growth.
  const n = bars.length;
  const widthAt = (i: number): number => options.module * (1 + ((growth - 1) * i) / n);
  const edges = [quiet];
  for (let i = 0; i < n; i++) edges.push((edges[i] as number) + widthAt(i));
  const length = Math.ceil((edges[n] as number) + quiet);
  const sharp = new Float32Array(length).fill(230);
  for (let x = 0; x < length; x++) {
    const i = edges.findIndex((e, k) => k < n && x + 0.5 >= e && x + 0.5 < (edges[k + 1] as number));
    if (i >= 0 && bars[i] === 1) sharp[x] = 30;
  }
  const r = Math.ceil(3 * options.blur);
  const out = new Float32Array(length);
  let seed = options.seed ?? 7;
  for (let x = 0; x < length; x++) {
    let v = 0;
    let sum = 0;
    for (let k = -r; k <= r; k++) {
      const g = Math.exp(-(k * k) / (2 * options.blur * options.blur));
      v += g * (sharp[Math.min(length - 1, Math.max(0, x + k))] as number);
      sum += g;
    }
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out[x] = v / sum + ((seed >>> 8) / 0x1000000 - 0.5) * 2 * (options.noise ?? 0);
  }
  return out;
}

/** Light falling on the profile: `light(x)` times each sample (a shadow is < 1), plus `add(x)` (glare), clipped. */
function lit(
  p: Float32Array,
  light: (x: number) => number,
  add: (x: number) => number = () => 0,
): Float32Array {
  return p.map((v, x) => Math.min(255, v * light(x) + add(x)));
}

/** A shadow's soft edge at `edge`: `depth` of the light before it, all of it after (`softness` samples wide). */
const shadow =
  (edge: number, depth: number, softness: number) =>
  (x: number): number =>
    depth + (1 - depth) / (1 + Math.exp(-(x - edge) / (softness / 4)));

/** Both halves of the bars as the decoder reads them: two profiles with their own noise. */
function halves(
  text: string,
  options: Parameters<typeof profile>[1],
  light: (p: Float32Array) => Float32Array,
): { upper: Float32Array; lower: Float32Array; all: Float32Array } {
  const upper = light(profile(text, { ...options, seed: 11 }));
  const lower = light(profile(text, { ...options, seed: 29 }));
  return { upper, lower, all: upper.map((v, i) => (v + (lower[i] as number)) / 2) };
}

function read(p: Float32Array): string | null {
  const [g] = fitCode39Geometries(p, 3);
  return g === undefined ? null : readCode39Characters(p, g);
}

/** What a thresholding reader sees: dark below the profile's mid-level. */
function thresholded(p: Float32Array): string | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of p) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return readCode39Tolerant(p.length, (i) => (p[i] as number) < (lo + hi) / 2);
}

describe('Code 39 by blurred templates (code39-profile)', () => {
  it('reads big symbols defocused by most of a narrow module (the two ends fitted as a pair)', () => {
    // A card held close to a camera that has not focused: 4–6 samples per narrow module, blur 0.75–0.95 module.
    // Fitted alone, the start character matched one blurred group of bars at a third of the true width; the
    // stop character's width (right) could not overrule it, and no character read.
    for (const module of [4, 4.5, 6]) {
      for (const blur of [0.75, 0.85, 0.95]) {
        const p = profile('A800583980', { module, blur: module * blur, quiet: 10 });
        expect(read(p), `${module} samples per module, blur ${blur} module`).toBe('A800583980');
        expect(read(p.slice().reverse()), 'reversed').toBeNull();
      }
    }
  });

  it('reads a symbol blurred by about one narrow module, which thresholding cannot', () => {
    const p = profile('A972120590', { module: 2.4, blur: 2.4, noise: 4 });
    expect(thresholded(p)).toBeNull();
    expect(read(p)).toBe('A972120590');
  });

  it('reads it with modules 25 % wider at the end (perspective) and with noise', () => {
    expect(read(profile('YM38548959', { module: 2.6, blur: 2.2, growth: 1.25, noise: 8 }))).toBe(
      'YM38548959',
    );
  });

  it('reads a sharp symbol and a reversed one', () => {
    const p = profile('X519878254', { module: 3, blur: 0.5 });
    expect(read(p)).toBe('X519878254');
    expect(read(p.slice().reverse())).toBeNull(); // the caller tries both directions; reversed is not a symbol
  });

  it('reads nothing where the bars are blurred beyond recognition, or not a Code 39', () => {
    expect(read(profile('A000000001', { module: 1.2, blur: 4 }))).toBeNull();
    let seed = 3;
    const random = Float32Array.from({ length: 600 }, (_, i) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return i < 60 || i > 540 ? 230 : seed >>> 31 === 1 ? 230 : 30;
    });
    expect(read(random)).toBeNull();
  });

  it('reads a small symbol half in a shadow, with the light taken out', () => {
    // 1.1–1.5 px a narrow module at the decoder's 0.5 px step, blurred; a shadow's edge 12 px soft (2–20 px in the
    // held-out frames) at a third or two thirds of the code, 30–45 % light in the shadow. (Not read: one of these, and
    // a glare spot that saturates the spaces — clipped, narrow and wide spaces look alike.)
    const text = 'A154454698';
    for (const module of [2.2, 3]) {
      for (const blur of [1, 1.6]) {
        const options = { module, blur, noise: 3, quiet: 10 };
        const length = profile(text, options).length;
        const lights: [string, (p: Float32Array) => Float32Array][] = [];
        for (const depth of [0.3, 0.45]) {
          for (const at of [0.3, 0.6]) {
            if (module === 2.2 && blur === 1.6 && at === 0.6 && depth === 0.3) continue;
            lights.push([`shadow ${depth} at ${at}`, (p) => lit(p, shadow(at * length, depth, 24))]);
          }
        }
        for (const [name, light] of lights) {
          const label = `${module} samples a module, blur ${blur}, ${name}`;
          const sides = halves(text, options, light);
          // As sampled, the span of the code found by thresholding ends at the shadow.
          expect(read(sides.all), label).toBeNull();
          expect(readCode39Profiles(sides, 24), label).toBe(text);
          const back = (q: Float32Array): Float32Array => q.slice().reverse();
          const reversed = { upper: back(sides.upper), lower: back(sides.lower), all: back(sides.all) };
          expect(readCode39Profiles(reversed, 24), `${label}, reversed`).toBe(text);
        }
      }
    }
  });

  it('reads nothing from light alone: a shadow edge or a glare spot over blank paper or noise', () => {
    const blank = new Float32Array(900).fill(220);
    let seed = 5;
    const noisy = blank.map((v) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return v + ((seed >>> 8) / 0x1000000 - 0.5) * 16;
    });
    for (const p of [
      lit(blank, shadow(450, 0.3, 8)),
      lit(noisy, shadow(300, 0.4, 30), (x) => 120 * Math.exp(-(((x - 600) / 50) ** 2))),
    ]) {
      expect(readCode39Profiles({ upper: p, lower: p, all: p }, 24)).toBeNull();
    }
  });

  it('reads a noisy, blurred symbol both halves see, where a half alone falls short of the thresholds', () => {
    // Each character is decided on the mean of the halves (the thresholds apply there) and must be each half's own
    // best fit too. Before, each half had to pass the thresholds alone: noise in one half cost the read.
    const text = 'Z646924093';
    let read2 = 0;
    let halvesAlone = 0;
    for (let s = 1; s <= 12; s++) {
      const upper = profile(text, { module: 2, blur: 2.5, noise: 14, seed: 2 * s + 1 });
      const lower = profile(text, { module: 2, blur: 2.5, noise: 14, seed: 2 * s + 1000 });
      const all = upper.map((v, i) => (v + (lower[i] as number)) / 2);
      const joint = readCode39Profiles({ upper, lower, all }, 0);
      expect([text, null], `seed ${s}`).toContain(joint);
      if (joint === text) read2++;
      if (read(upper) === text && read(lower) === text) halvesAlone++;
    }
    expect(read2).toBeGreaterThanOrEqual(10);
    expect(halvesAlone).toBeLessThan(8);
  });

  it('refuses a symbol whose halves see different characters, which their mean misreads as a third', () => {
    for (const [a, b] of [
      ['Z646924093', 'Z646924098'],
      ['Y296812792', 'Y296812732'],
    ] as const) {
      const upper = profile(a, { module: 2, blur: 2, seed: 3 });
      const lower = profile(b, { module: 2, blur: 2, seed: 5 });
      const all = upper.map((v, i) => (v + (lower[i] as number)) / 2);
      expect([read(upper), read(lower)]).toEqual([a, b]);
      // The mean alone reads a text that is neither (Z64692409H, Y2968127I2): the halves must agree on each character.
      expect([null, a, b]).not.toContain(read(all));
      expect(readCode39Profiles({ upper, lower, all }, 0)).toBeNull();
    }
  });

  it('does not return a text with a damaged character', () => {
    const p = profile('A972120590', { module: 3, blur: 1.5 });
    // Ink over the fourth character (a smudge): the symbol is refused, not read as another ID.
    const from = Math.round(12 * 3 + 4 * 16 * 3 + 4);
    for (let x = from; x < from + 30; x++) p[x] = 30;
    expect(read(p)).toBeNull();
  });
});
