import type { GreyImage } from './types.js';

/** A value (a derived image) made when first asked, then kept. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Halves both sides by 2×2 averaging: faster QR detection on 720p, and a mild denoise for blur/noise. */
export function halve(image: GreyImage): GreyImage {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const src = image.data;
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    let i = 2 * y * image.width;
    const o = y * width;
    for (let x = 0; x < width; x++, i += 2) {
      const j = i + image.width;
      data[o + x] =
        ((src[i] as number) + (src[i + 1] as number) + (src[j] as number) + (src[j + 1] as number) + 2) >> 2;
    }
  }
  return { data, width, height };
}

/** Negative image: light modules on a dark ground (phone screens in dark mode, inverted prints). */
export function invert(image: GreyImage): GreyImage {
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - (image.data[i] as number);
  return { data, width: image.width, height: image.height };
}

/** Stretches the 1st–99th luminance percentile to 0–255 (dim or washed-out frames). */
export function stretchContrast(image: GreyImage): GreyImage {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < image.data.length; i++) histogram[image.data[i] as number]! += 1;
  const cut = Math.floor(image.data.length * 0.01);
  let low = 0;
  for (let seen = 0; low < 255 && seen + (histogram[low] as number) <= cut; low++)
    seen += histogram[low] as number;
  let high = 255;
  for (let seen = 0; high > 0 && seen + (histogram[high] as number) <= cut; high--)
    seen += histogram[high] as number;
  if (high - low < 8) return image;
  const lut = new Uint8ClampedArray(256);
  for (let v = 0; v < 256; v++) lut[v] = ((v - low) * 255) / (high - low);
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = lut[image.data[i] as number] as number;
  return { data, width: image.width, height: image.height };
}

/** Envelope radius, px: a few QR modules at 640×480–720p; larger lets a shadow's edge pass inside. */
export const FLATTEN_RADIUS = 4;

/** Envelopes closer than this (grey levels) are flat paper or a blown-out spot: white. */
const MIN_RANGE = 8;
/** Side of the cells in which `flattenLight` measures the light: the envelopes are smooth, so a coarse grid does. */
const LIGHT_CELL = 4; // the code below divides by it with `>> 2`

/**
 * Evens out light: each pixel between local min/max envelopes (±`radius`, 4-px cells), stretched to
 * 0–255, so a shadow's edge no longer flips modules; white where they are closer than `MIN_RANGE`.
 */
export function flattenLight(image: GreyImage, radius: number): GreyImage {
  const { width: w, height: h, data: src } = image;
  const gw = (w + LIGHT_CELL - 1) >> 2;
  const gh = (h + LIGHT_CELL - 1) >> 2;
  const lows = new Float32Array(gw * gh).fill(255);
  const highs = new Float32Array(gw * gh);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    const row = (y >> 2) * gw;
    for (let x0 = 0, c = row; x0 < w; x0 += LIGHT_CELL, c++) {
      let lo = lows[c] as number;
      let hi = highs[c] as number;
      for (let x = x0, end = Math.min(w, x0 + LIGHT_CELL); x < end; x++) {
        const v = src[o + x] as number;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
      }
      lows[c] = lo;
      highs[c] = hi;
    }
  }
  const r = Math.max(1, Math.round(radius / LIGHT_CELL));
  const dark = windowed(windowed(lows, gw, gh, r, 'min'), gw, gh, r, 'mean');
  const light = windowed(windowed(highs, gw, gh, r, 'max'), gw, gh, r, 'mean');
  // Per cell: the dark level and the stretch (0 where the envelopes are too close: white).
  const scale = new Float32Array(gw * gh);
  for (let c = 0; c < scale.length; c++) {
    const range = (light[c] as number) - (dark[c] as number);
    scale[c] = range < MIN_RANGE ? 0 : 255 / range;
  }
  // Each pixel is read as the mean of its 2×2 block (the one to its right and below): sensor noise halved, which a
  // dim frame needs once its few grey levels are stretched to 256.
  const data = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    const below = y < h - 1 ? w : 0;
    const row = (y >> 2) * gw;
    for (let x = 0; x < w; x++) {
      const c = row + (x >> 2);
      const k = scale[c] as number;
      if (k === 0) {
        data[o + x] = 255;
        continue;
      }
      const right = x < w - 1 ? 1 : 0;
      const i = o + x;
      const v =
        ((src[i] as number) +
          (src[i + right] as number) +
          (src[i + below] as number) +
          (src[i + below + right] as number)) /
        4;
      data[o + x] = (v - (dark[c] as number)) * k;
    }
  }
  return { data, width: w, height: h };
}

/** Min, max or mean over ±r cells in x then y (clipped) of a `gw`×`gh` grid; small grids: plain loops. */
export function windowed(
  cells: Float32Array,
  gw: number,
  gh: number,
  r: number,
  kind: 'min' | 'max' | 'mean',
): Float32Array {
  let src = cells;
  for (const [along, stride] of [
    [gw, 1],
    [gh, gw],
  ] as const) {
    const out = new Float32Array(gw * gh);
    for (let i = 0; i < out.length; i++) {
      const at = stride === 1 ? i % gw : Math.floor(i / gw);
      const from = Math.max(0, at - r);
      const to = Math.min(along - 1, at + r);
      let v = kind === 'mean' ? 0 : (src[i] as number);
      for (let k = i + (from - at) * stride, end = i + (to - at) * stride; k <= end; k += stride) {
        const u = src[k] as number;
        v = kind === 'mean' ? v + u : kind === 'min' ? (u < v ? u : v) : u > v ? u : v;
      }
      out[i] = kind === 'mean' ? v / (to - from + 1) : v;
    }
    src = out;
  }
  return src;
}
