/**
 * Code 39 for blurred bars: fits blurred templates of the 44 characters (a matched filter), no threshold.
 * Guards: correlation ≥ `MIN_CORRELATION` and clearly best, ends at the stop fit; callers need two rows.
 */
import { CODE39_PATTERNS } from './code39-row.js';

// The templates: each character's bars, dark on light, blurred by a Gaussian of a given width in modules, sampled
// every `DU` module, zero-mean and unit-norm.

/** Sampling of templates, in narrow modules. */
const DU = 0.25;

type Char = (typeof CODE39_PATTERNS)[number];
const STAR = CODE39_PATTERNS.find((c) => c.char === '*') as Char;
const DATA = CODE39_PATTERNS.filter((c) => c.char !== '*');

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

type Window = { readonly from: number; readonly to: number };

/** A character's light profile (blur `s` modules), zero-mean unit-norm; `before`/`after`: a neighbour bar. */
function template(
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
  const mean = v.reduce((sum, x) => sum + x, 0) / v.length;
  let norm = 0;
  for (let j = 0; j < v.length; j++) {
    v[j] = (v[j] as number) - mean;
    norm += (v[j] as number) ** 2;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] = (v[j] as number) / norm;
  return v;
}

/** The profile of a bar code: grey levels along its axis (dark bars low), at any sampling step. */
export type Profile = Float32Array;

/** Where a symbol lies in a profile: start of `*…`, start of the stop `*`, module widths there, ratio and blur. */
export type Code39Geometry = {
  readonly start: number;
  readonly stop: number;
  readonly startModule: number;
  readonly stopModule: number;
  readonly ratio: number;
  readonly blur: number;
};

/** Every character (and start/stop) must correlate at least this well with its blurred template. */
const MIN_CORRELATION = 0.85;
/** …and this much better than with the second-best character. */
const MIN_MARGIN = 0.04;
/** Each independent profile (a half of the bars) must fit the same character best, at least this well. */
const MIN_CHECK_CORRELATION = 0.8;
const RATIOS = [2, 2.5, 3];
/** The coarse fit of the start or stop character must reach this before it is refined. */
const COARSE_CORRELATION = 0.75;
/** The widest narrow module fitted, in profile samples. */
const MAX_MODULE = 16;
/** Profiles are sampled at most this long (the step grows on big frames), which bounds the work per frame. */
export const MAX_PROFILE = 2400;
/** Blur (Gaussian σ) in profile samples tried when fitting the start and stop characters. */
const BLURS = [0.8, 2, 3.5, 5];
/** Blur of the coarse fit (in samples). */
const COARSE_BLUR = 2;
/** The most the narrow module may change from the start to the stop character (perspective). */
const MAX_MODULE_CHANGE = 1.6;

/** Pearson correlation of the profile resampled at `x + u·w` (u over the window) with a normalised template. */
function correlate(
  p: Profile,
  x: number,
  w: number,
  win: Window,
  t: Float64Array,
  scratch: Float64Array,
): number {
  const n = t.length;
  let mean = 0;
  const last = p.length - 1;
  for (let j = 0; j < n; j++) {
    const pos = x + (win.from + j * DU) * w;
    let v: number;
    if (pos <= 0) v = p[0] as number;
    else if (pos >= last) v = p[last] as number;
    else {
      const i = Math.floor(pos);
      const f = pos - i;
      v = (p[i] as number) * (1 - f) + (p[i + 1] as number) * f;
    }
    scratch[j] = v;
    mean += v;
  }
  mean /= n;
  let dot = 0;
  let norm = 0;
  for (let j = 0; j < n; j++) {
    const d = (scratch[j] as number) - mean;
    dot += d * (t[j] as number);
    norm += d * d;
  }
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}

/** The densest dark-run group, split at light runs > `split` × median (quiet zone 10 modules, gap ≤ 3). */
function darkSpan(p: Profile, split: number): { a: number; b: number } | null {
  const sorted = Float32Array.from(p).sort();
  const lo = sorted[Math.floor(0.05 * (sorted.length - 1))] as number;
  const hi = sorted[Math.floor(0.95 * (sorted.length - 1))] as number;
  if (hi - lo < 8) return null;
  // Hysteresis: noise around the mid level must not split one bar into several runs.
  const enter = lo + 0.45 * (hi - lo);
  const leave = lo + 0.55 * (hi - lo);
  const runs: [number, number][] = [];
  for (let i = 0; i < p.length; i++) {
    if ((p[i] as number) >= enter) continue;
    const from = i;
    while (i < p.length && (p[i] as number) < leave) i++;
    runs.push([from, i]);
  }
  if (runs.length < 4) return null;
  const gaps = runs.slice(1).map((r, k) => r[0] - (runs[k] as [number, number])[1]);
  const median = [...gaps].sort((x, y) => x - y)[gaps.length >> 1] as number;
  const longest = Math.max(split * median, 8);
  let best: { a: number; b: number; count: number } | null = null;
  let first = 0;
  for (let k = 1; k <= runs.length; k++) {
    if (k < runs.length && (gaps[k - 1] as number) <= longest) continue;
    const count = k - first;
    if (best === null || count > best.count)
      best = { a: (runs[first] as [number, number])[0], b: (runs[k - 1] as [number, number])[1], count };
    first = k;
  }
  return best !== null && best.count >= 4 ? best : null;
}

type EndFit = { x: number; w: number; score: number };
type Span = { readonly a: number; readonly b: number };

type End = 'start' | 'stop';
/** Positions `origin + d`, `d` from `lo` to `hi` in `step`s, with narrow module `w`. */
type Steps = { w: number; origin: number; lo: number; hi: number; step: number };

/** The start or stop character's best fit at `at`, or `best` when none is better. */
function fitStar(p: Profile, end: End, ratio: number, blur: number, at: Steps, best: EndFit): EndFit {
  const { w } = at;
  const charWidth = 6 + 3 * ratio;
  const win = end === 'start' ? { from: -3, to: charWidth + 0.5 } : { from: -0.5, to: charWidth + 3 };
  const t = template(STAR, ratio, blur / w, win, end === 'stop', end === 'start');
  const scratch = new Float64Array(t.length);
  for (let d = at.lo; d <= at.hi; d += at.step) {
    const score = correlate(p, at.origin + d, w, win, t, scratch);
    if (score > best.score) best = { x: at.origin + d, w, score };
  }
  return best;
}

/** Start/stop fits near the span's end: module width from 0.7 px, positions a quarter module apart. */
function fitEnd(p: Profile, span: Span, ratio: number, blur: number, end: End): EndFit[] {
  const charWidth = 6 + 3 * ratio;
  // Wider modules are sharp enough for the thresholding readers; the cap bounds the work on big frames.
  const maxW = Math.min(MAX_MODULE, (span.b - span.a) / (3 * (charWidth + 1) - 1));
  const fits: EndFit[] = [];
  for (let w = 1.4; w <= maxW; w *= 1.04) {
    // The outer narrow bars may be blurred away: the first dark sample can lie up to 3 + ratio modules inside.
    const [lo, hi] =
      end === 'start'
        ? [span.a - (3 + ratio) * w - 1, span.a + 1]
        : [span.b - charWidth * w - 1, span.b - (charWidth - 2) * w + 1];
    const steps = { w, origin: 0, lo, hi, step: Math.max(0.5, w / 4) };
    fits.push(fitStar(p, end, ratio, blur, steps, { x: 0, w: 0, score: -1 }));
  }
  return fits;
}

/** Best start+stop pair with agreeing widths: alone, a third-width template can out-correlate the true. */
function coarsePair(p: Profile, span: Span, ratio: number): { s0: EndFit; e0: EndFit } | null {
  const starts = fitEnd(p, span, ratio, COARSE_BLUR, 'start').filter((f) => f.score >= COARSE_CORRELATION);
  if (starts.length === 0) return null;
  const stops = fitEnd(p, span, ratio, COARSE_BLUR, 'stop').filter((f) => f.score >= COARSE_CORRELATION);
  let best: { s0: EndFit; e0: EndFit; score: number } | null = null;
  for (const s0 of starts) {
    for (const e0 of stops) {
      const change = s0.w > e0.w ? s0.w / e0.w : e0.w / s0.w;
      if (change > MAX_MODULE_CHANGE) continue;
      const score = s0.score + e0.score;
      if (best === null || score > best.score) best = { s0, e0, score };
    }
  }
  return best;
}

/** Refines a fit locally (half-sample positions, 2 % widths) for another ratio and blur. */
function refineEnd(p: Profile, fit: EndFit, ratio: number, blur: number, end: End): EndFit {
  let best: EndFit = { ...fit, score: -1 };
  for (const scale of [0.96, 0.98, 1, 1.02, 1.04]) {
    const w = fit.w * scale;
    const reach = Math.max(0.5, w / 3);
    best = fitStar(p, end, ratio, blur, { w, origin: fit.x, lo: -reach, hi: reach, step: 0.5 }, best);
  }
  return best;
}

/** Start/stop geometries per wide:narrow ratio (2, 2.5, 3 ±0.25), best first: the characters decide. */
export function fitCode39Geometries(p: Profile, split: number): Code39Geometry[] {
  const span = darkSpan(p, split);
  if (span === null) return [];
  const found: { g: Code39Geometry; score: number }[] = [];
  for (const ratio of RATIOS) {
    // The coarse fit (one blur) of a real start character already correlates well; most non-symbols stop here.
    const pair = coarsePair(p, span, ratio);
    if (pair === null) continue;
    const { s0, e0 } = pair;
    let best: { g: Code39Geometry; score: number } | null = null;
    for (const r of [ratio - 0.25, ratio, ratio + 0.25]) {
      if (r < 2 || r > 3) continue;
      for (const blur of BLURS) {
        const s = refineEnd(p, s0, r, blur, 'start');
        const e = refineEnd(p, e0, r, blur, 'stop');
        if (s.score < MIN_CORRELATION || e.score < MIN_CORRELATION || e.x <= s.x) continue;
        const score = s.score + e.score;
        if (best === null || score > best.score)
          best = { g: { start: s.x, stop: e.x, startModule: s.w, stopModule: e.w, ratio: r, blur }, score };
      }
    }
    if (best !== null) found.push(best);
  }
  return found.sort((a, b) => b.score - a.score).map((f) => f.g);
}

/** Characters between the fitted ends; null if any is uncertain, they miss the stop, or two counts fit. */
export function readCode39Characters(
  p: Profile,
  g: Code39Geometry,
  checks: readonly Profile[] = [],
): string | null {
  const charWidth = 6 + 3 * g.ratio;
  const length = g.stop - g.start;
  const mean = (g.startModule + g.stopModule) / 2;
  const texts = new Set<string>();
  // The gap between characters is one module in most prints, up to about three: each whole number of characters
  // that puts the gap in that range is a hypothesis.
  for (
    let m = Math.max(2, Math.floor(length / ((charWidth + 3.6) * mean)));
    m <= length / ((charWidth + 0.4) * mean);
    m++
  ) {
    const gap = length / (m * mean) - charWidth;
    if (gap < 0.4 || gap > 3.6) continue;
    const text = readSequence(p, g, m - 1, gap, checks);
    if (text !== null) texts.add(text);
  }
  return texts.size === 1 ? ([...texts][0] as string) : null;
}

function readSequence(
  p: Profile,
  g: Code39Geometry,
  count: number,
  gap: number,
  checks: readonly Profile[],
): string | null {
  const { ratio, blur } = g;
  const charWidth = 6 + 3 * ratio;
  const win: Window = { from: -0.5, to: charWidth + 0.5 };
  const scratch = new Float64Array(Math.floor((win.to - win.from) / DU) + 1);
  const moduleAt = (x: number): number =>
    g.startModule + ((g.stopModule - g.startModule) * (x - g.start)) / Math.max(1, g.stop - g.start);
  // Blur in modules, quantised so that templates (kept by `template`) are shared along the code.
  const templatesFor = (w: number): Float64Array[] =>
    DATA.map((c) => template(c, ratio, Math.round((blur / w) * 20) / 20, win, true, true));
  // Each template's best correlation on `q` within ±`reach` of `at` (half-sample steps, module `w` times each
  // scale), and where.
  const fit = (q: Profile, at: number, w: number, reach: number, scales: number[], list: Float64Array[]) => {
    const score = new Float64Array(list.length).fill(-1);
    const where = new Float64Array(list.length);
    for (let d = -reach; d <= reach; d += 0.5) {
      for (const scale of scales) {
        for (let i = 0; i < list.length; i++) {
          const value = correlate(q, at + d, w * scale, win, list[i] as Float64Array, scratch);
          if (value > (score[i] as number)) {
            score[i] = value;
            where[i] = at + d;
          }
        }
      }
    }
    return { score, where };
  };
  let x = g.start;
  let text = '';
  for (let k = 0; k < count; k++) {
    const w = moduleAt(x);
    const list = templatesFor(w);
    const reach = Math.max(0.5, 0.6 * w);
    const { score: perChar, where } = fit(p, x + (charWidth + gap) * w, w, reach, [0.96, 1, 1.04], list);
    let best = { score: -1, index: -1, x: 0 };
    let second = -1;
    perChar.forEach((score, i) => {
      if (score > best.score) {
        second = best.score;
        best = { score, index: i, x: where[i] as number };
      } else if (score > second) second = score;
    });
    if (best.score < MIN_CORRELATION || best.score - second < MIN_MARGIN) return null;
    // Each independent profile must see the same character there on its own: its best template within half a
    // module, fitting at least `MIN_CHECK_CORRELATION`.
    for (const check of checks) {
      const { score } = fit(check, best.x, w, Math.max(0.5, w / 2), [1], list);
      const top = Math.max(...score);
      if (!(top > MIN_CHECK_CORRELATION) || score.indexOf(top) !== best.index) return null;
    }
    text += (DATA[best.index] as Char).char;
    x = best.x;
  }
  // The stop character must begin where the characters end.
  const w = moduleAt(x);
  return Math.abs(x + (charWidth + gap) * w - g.stop) <= 1.5 * w ? text : null;
}
