import type { GreyImage } from './types.js';

/** A bundle of parallel scanlines: centred on (cx, cy), along `angle` (radians), shifted by `offsets` across. */
export type LineBundle = {
  readonly cx: number;
  readonly cy: number;
  readonly angle: number;
  readonly length: number;
  readonly offsets: readonly number[];
  /** Distance between samples in pixels (default 1; 0.5 oversamples narrow bars of distant cards). */
  readonly step?: number;
  /**
   * Samples averaged across the line (1 px apart, along the bars): `1` (default) is a thin line; 5–7 average out
   * sensor noise in a dim frame, since a 1D code is the same all along its bars.
   */
  readonly thickness?: number;
};

/** Samples a bundle's lines (bilinear) as rows, so a 1D reader sees any angle; outside the frame is white. */
export function sampleLines(image: GreyImage, bundle: LineBundle): GreyImage {
  const { width: w, height: h, data: src } = image;
  const step = bundle.step ?? 1;
  const dx = Math.cos(bundle.angle) * step;
  const dy = Math.sin(bundle.angle) * step;
  const length = Math.max(1, Math.round(bundle.length / step));
  const data = new Uint8ClampedArray(length * bundle.offsets.length);
  const thick = Math.max(1, Math.round(bundle.thickness ?? 1));
  const nx = -Math.sin(bundle.angle);
  const ny = Math.cos(bundle.angle);
  bundle.offsets.forEach((offset, k) => {
    // Samples sit in the middle of their step; pixel i covers [i, i + 1), so its centre is at i + 0.5.
    const ox = bundle.cx - (dy / step) * offset - (dx * length) / 2 + dx / 2 - 0.5;
    const oy = bundle.cy + (dx / step) * offset - (dy * length) / 2 + dy / 2 - 0.5;
    const row = k * length;
    for (let t = 0; t < length; t++) {
      const x = ox + dx * t;
      const y = oy + dy * t;
      if (x < 0 || y < 0 || x > w - 1 || y > h - 1 || w < 2 || h < 2) {
        data[row + t] = 255;
        continue;
      }
      // The mean of `thick` samples 1 px apart along the bars (the normal), centred on the line.
      let sum = 0;
      for (let d = (1 - thick) / 2; d < thick / 2; d++) sum += bilinear(src, w, h, x + nx * d, y + ny * d);
      data[row + t] = sum / thick;
    }
  });
  return { data, width: length, height: bundle.offsets.length };
}

function bilinear(src: Uint8ClampedArray, w: number, h: number, xIn: number, yIn: number): number {
  const x = Math.min(Math.max(xIn, 0), w - 1);
  const y = Math.min(Math.max(yIn, 0), h - 1);
  const ix = Math.min(Math.floor(x), w - 2);
  const iy = Math.min(Math.floor(y), h - 2);
  const fx = x - ix;
  const fy = y - iy;
  const i = iy * w + ix;
  const top = (src[i] as number) * (1 - fx) + (src[i + 1] as number) * fx;
  const bottom = (src[i + w] as number) * (1 - fx) + (src[i + w + 1] as number) * fx;
  return top * (1 - fy) + bottom * fy;
}

/** Unsharp mask along rows (v + amount·(v − mean ±radius)): wide and narrow blurred bars separate again. */
export function sharpenRows(image: GreyImage, radius = 4, amount = 1.5): GreyImage {
  const { width: w, height: h, data: src } = image;
  const data = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let sum = 0;
    let n = 0;
    for (let k = 0; k <= Math.min(radius, w - 1); k++, n++) sum += src[o + k] as number;
    for (let x = 0; x < w; x++) {
      data[o + x] = (src[o + x] as number) * (1 + amount) - (amount * sum) / n;
      const add = x + radius + 1;
      const drop = x - radius;
      if (add < w) {
        sum += src[o + add] as number;
        n++;
      }
      if (drop >= 0) {
        sum -= src[o + drop] as number;
        n--;
      }
    }
  }
  return { data, width: w, height: h };
}
