/**
 * Blurred templates of Code 39 characters for the template reader (`code39-profile.ts`): each character's bars, dark
 * on light, blurred by a Gaussian of a given width in modules, sampled every `DU` module, zero-mean and unit-norm.
 */
import { CODE39_PATTERNS } from './code39-row.js';

/** Sampling of templates, in narrow modules. */
export const DU = 0.25;

export type Char = { readonly char: string; readonly wide: number };
const ALL: readonly Char[] = CODE39_PATTERNS;
export const STAR = ALL.find((c) => c.char === '*') as Char;
export const DATA = ALL.filter((c) => c.char !== '*');

/** The standard normal CDF, tabulated over ±6 in steps of 1/64 (linear interpolation; error < 1e-4). */
const PHI = Float64Array.from({ length: 12 * 64 + 2 }, (_, i) => phiExact(i / 64 - 6));
function phi(x: number): number {
  const f = (x + 6) * 64;
  if (f <= 0) return 0;
  if (f >= 12 * 64) return 1;
  const i = Math.floor(f);
  return (PHI[i] as number) + ((PHI[i + 1] as number) - (PHI[i] as number)) * (f - i);
}

/** Abramowitz–Stegun 7.1.26 (error < 1.5e-7). */
function phiExact(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Bars of one character as [left, right] in modules from its start; its width. */
function barsOf(c: Char, ratio: number): { bars: [number, number][]; width: number } {
  const bars: [number, number][] = [];
  let u = 0;
  for (let i = 0; i < 9; i++) {
    const w = (c.wide >> (8 - i)) & 1 ? ratio : 1;
    if (i % 2 === 0) bars.push([u, u + w]);
    u += w;
  }
  return { bars, width: u };
}

export type Window = { readonly from: number; readonly to: number };

/**
 * The light profile of a character in module coordinates (−darkness, blurred by `s` modules), at `from + j·DU`,
 * zero-mean and unit-norm. `before`/`after` add a neighbour's bar (one narrow module, after a gap of one module)
 * on that side; a start or stop character has the quiet zone there instead.
 */
export function template(
  c: Char,
  ratio: number,
  s: number,
  win: Window,
  before: boolean,
  after: boolean,
): Float64Array {
  // The same templates recur on every profile (the start fit walks the same module widths, the characters share
  // quantised blurs): computed once, kept while the cache is small. Read-only for the callers.
  const key = `${c.char}|${ratio}|${s}|${win.from}|${win.to}|${before ? 1 : 0}${after ? 1 : 0}`;
  const known = TEMPLATES.get(key);
  if (known !== undefined) return known;
  if (TEMPLATES.size >= MAX_TEMPLATES) TEMPLATES.clear();
  const { bars, width } = barsOf(c, ratio);
  if (before) bars.push([-2, -1]);
  if (after) bars.push([width + 1, width + 2]);
  const n = Math.floor((win.to - win.from) / DU) + 1;
  const out = new Float64Array(n);
  const sigma = Math.max(s, 0.05);
  for (let j = 0; j < n; j++) {
    const u = win.from + j * DU;
    let dark = 0;
    for (const [l, r] of bars) dark += phi((u - l) / sigma) - phi((u - r) / sigma);
    out[j] = -dark;
  }
  const made = normalize(out);
  TEMPLATES.set(key, made);
  return made;
}

/** Templates kept across calls: about 0.4 MB at most (each ≤ 60 samples). */
const MAX_TEMPLATES = 1000;
const TEMPLATES = new Map<string, Float64Array>();

function normalize(v: Float64Array): Float64Array {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let norm = 0;
  for (let j = 0; j < v.length; j++) {
    v[j] = (v[j] as number) - mean;
    norm += (v[j] as number) ** 2;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] = (v[j] as number) / norm;
  return v;
}
