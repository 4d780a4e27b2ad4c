// Synthetic grey images for the Node unit tests of the decoding passes (no canvas needed).
import { PerspectiveTransform, QRCodeDecoderErrorCorrectionLevel, QRCodeEncoder } from '@zxing/library';
import type { GreyImage } from './types.js';

/** Code 39 module widths (narrow 1, wide 3) of `*text*`, from the standard table. */
const PATTERNS: Record<string, string> = {
  '0': 'nnnwwnwnn',
  '1': 'wnnwnnnnw',
  '2': 'nnwwnnnnw',
  '3': 'wnwwnnnnn',
  '4': 'nnnwwnnnw',
  '5': 'wnnwwnnnn',
  '6': 'nnwwwnnnn',
  '7': 'nnnwnnwnw',
  '8': 'wnnwnnwnn',
  '9': 'nnwwnnwnn',
  A: 'wnnnnwnnw',
  M: 'wnwnnnnwn',
  X: 'nwnnwnnnw',
  Y: 'wwnnwnnnn',
  Z: 'nwwnwnnnn',
  '*': 'nwnnwnwnn',
};

/** Bars of a Code 39 symbol as 0/1 modules (1 = dark), with an inter-character gap. */
export function code39Bars(text: string): number[] {
  const out: number[] = [];
  for (const ch of `*${text}*`) {
    const pattern = PATTERNS[ch];
    if (pattern === undefined) throw new Error(`no pattern for ${ch}`);
    [...pattern].forEach((p, i) => {
      for (let k = 0; k < (p === 'w' ? 3 : 1); k++) out.push(i % 2 === 0 ? 1 : 0);
    });
    out.push(0);
  }
  return out;
}

/**
 * A `width`×`height` white image with the bar code drawn `module` pixels per module, rotated by `degrees` around the
 * centre, bars `barHeight` pixels tall; `ink` and `paper` set the grey levels (swap them for a negative).
 */
export function drawCode39(text: string, options: BarOptions): GreyImage {
  return drawBars(code39Bars(text), options);
}

export type BarOptions = {
  readonly width: number;
  readonly height: number;
  readonly module: number;
  readonly degrees: number;
  readonly barHeight: number;
  readonly ink?: number;
  readonly paper?: number;
};

/** Any 1D pattern of modules (1 = dark), drawn as `drawCode39` draws its bars. */
export function drawBars(bars: readonly number[], options: BarOptions): GreyImage {
  const { width, height, module, degrees, barHeight } = options;
  const ink = options.ink ?? 20;
  const paper = options.paper ?? 235;
  const total = bars.length * module;
  const a = (degrees * Math.PI) / 180;
  const data = new Uint8ClampedArray(width * height).fill(paper);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse-rotate into the symbol's frame.
      const dx = x + 0.5 - width / 2;
      const dy = y + 0.5 - height / 2;
      const u = dx * Math.cos(a) + dy * Math.sin(a) + total / 2;
      const v = -dx * Math.sin(a) + dy * Math.cos(a);
      if (u < 0 || u >= total || Math.abs(v) > barHeight / 2) continue;
      if (bars[Math.floor(u / module)] === 1) data[y * width + x] = ink;
    }
  }
  return { data, width, height };
}

/** Gaussian blur (σ in pixels, separable, edges clamped): defocus. */
export function blurGrey(image: GreyImage, sigma: number): GreyImage {
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  const sum = kernel.reduce((a, b) => a + b, 0);
  const { width: w, height: h } = image;
  const pass = (src: ArrayLike<number>, dx: number, dy: number): Float32Array => {
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let v = 0;
        for (let k = -radius; k <= radius; k++) {
          const xx = Math.min(w - 1, Math.max(0, x + k * dx));
          const yy = Math.min(h - 1, Math.max(0, y + k * dy));
          v += (kernel[k + radius] as number) * (src[yy * w + xx] as number);
        }
        out[y * w + x] = v / sum;
      }
    }
    return out;
  };
  return { data: Uint8ClampedArray.from(pass(pass(image.data, 1, 0), 0, 1)), width: w, height: h };
}

/** Adds deterministic pseudo-random noise (uniform, ±`amplitude` grey levels): a dark frame's sensor noise. */
export function addNoise(image: GreyImage, amplitude: number, seed = 1): GreyImage {
  let s = seed;
  const data = image.data.map((v) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return v + ((s >>> 8) / 0x1000000 - 0.5) * 2 * amplitude;
  });
  return { data, width: image.width, height: image.height };
}

/**
 * A QR code (EC level M, via zxing-js's encoder) drawn through a perspective map: its outer corners (top-left,
 * top-right, bottom-right, bottom-left, with a 4-module quiet zone around them) land on `corners`.
 */
export function drawQrInPerspective(
  text: string,
  options: { width: number; height: number; corners: readonly [number, number][] },
): GreyImage {
  const matrix = QRCodeEncoder.encode(text, QRCodeDecoderErrorCorrectionLevel.M).getMatrix();
  const n = matrix.getWidth();
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = options.corners as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  // Image → symbol: the quadrilateral back onto the n×n square.
  const toSymbol = PerspectiveTransform.quadrilateralToQuadrilateral(
    x0,
    y0,
    x1,
    y1,
    x2,
    y2,
    x3,
    y3,
    0,
    0,
    n,
    0,
    n,
    n,
    0,
    n,
  );
  const { width, height } = options;
  const data = new Uint8ClampedArray(width * height).fill(225);
  const point = new Float32Array(2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      point[0] = x + 0.5;
      point[1] = y + 0.5;
      toSymbol.transformPoints(point);
      const u = Math.floor(point[0] as number);
      const v = Math.floor(point[1] as number);
      if (u >= 0 && v >= 0 && u < n && v < n && matrix.get(u, v) === 1) data[y * width + x] = 25;
    }
  }
  return { data, width, height };
}
