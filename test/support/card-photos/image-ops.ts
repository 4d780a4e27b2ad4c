// Pixel operations that imitate what phones and webcams do to a frame after the optics: motion blur, JPEG,
// low-contrast exposure, cropping by the frame edge, a bent card, pasting two shots into one frame.
import type { Random } from './prng.js';

function blank(width: number, height: number): ImageData {
  return new ImageData(new Uint8ClampedArray(width * height * 4).fill(255), width, height);
}

/** Linear motion blur: the mean of `length` px along `angle` degrees (a hand moving during the exposure). */
export function motionBlur(image: ImageData, length: number, angle: number): ImageData {
  const { width: W, height: H, data } = image;
  const out = blank(W, H);
  const steps = Math.max(1, Math.round(length));
  const dx = Math.cos((angle * Math.PI) / 180);
  const dy = Math.sin((angle * Math.PI) / 180);
  const offsets: number[] = [];
  for (let k = 0; k < steps; k++) {
    const t = k - (steps - 1) / 2;
    offsets.push(Math.round(t * dx), Math.round(t * dy));
  }
  // Inside these bounds no offset leaves the frame: the clamps are skipped and each offset is one index step.
  // (The sums are of whole numbers, exact in any order.)
  const xs = offsets.filter((_, k) => k % 2 === 0);
  const ys = offsets.filter((_, k) => k % 2 === 1);
  const [left, right] = [-Math.min(...xs), W - 1 - Math.max(...xs)];
  const [top, bottom] = [-Math.min(...ys), H - 1 - Math.max(...ys)];
  const steps4 = Int32Array.from(xs, (ox, k) => (ys[k]! * W + ox) * 4);
  const o = out.data;
  for (let y = 0; y < H; y++) {
    const inside = y >= top && y <= bottom;
    for (let x = 0; x < W; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      if (inside && x >= left && x <= right) {
        const base = (y * W + x) * 4;
        for (let k = 0; k < steps4.length; k++) {
          const i = base + steps4[k]!;
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
        }
      } else {
        for (let k = 0; k < offsets.length; k += 2) {
          const sx = Math.min(W - 1, Math.max(0, x + offsets[k]!));
          const sy = Math.min(H - 1, Math.max(0, y + offsets[k + 1]!));
          const i = (sy * W + sx) * 4;
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
        }
      }
      const i = (y * W + x) * 4;
      o[i] = r / steps;
      o[i + 1] = g / steps;
      o[i + 2] = b / steps;
    }
  }
  return out;
}

/** Encodes as JPEG at `quality` (0–1) and decodes again: blocking, ringing and chroma loss of a cheap camera. */
export async function jpegRoundTrip(image: ImageData, quality: number): Promise<ImageData> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  const bitmap = await createImageBitmap(blob);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, image.width, image.height);
}

/** Squeezes every channel into `low`…`high` (grey print on grey paper, a washed-out webcam) plus noise. */
export function squeezeContrast(
  image: ImageData,
  low: number,
  high: number,
  noise: number,
  random: Random,
): ImageData {
  const out = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  const k = (high - low) / 255;
  const { data } = image;
  const o = out.data;
  // One row of noise at a time, in pixel order (one gauss() a pixel, as the sequence always was).
  const noises = new Float64Array(noise > 0 ? image.width : 0);
  for (let i = 0, x = image.width; i < o.length; i += 4, x++) {
    if (x === image.width) {
      if (noise > 0) random.gaussFill(noises);
      x = 0;
    }
    const n = noise > 0 ? noises[x]! * noise : 0;
    for (let c = 0; c < 3; c++) o[i + c] = low + data[i + c]! * k + n;
  }
  return out;
}

/** A `width`×`height` window of the image starting at (x, y) (the frame edge cutting the scene). */
export function crop(image: ImageData, x: number, y: number, width: number, height: number): ImageData {
  const out = blank(width, height);
  copyRect(image, x, y, out, 0, 0, width, height);
  return out;
}

/**
 * Bends the middle of the frame like a card curved around a vertical axis (kept in a pocket): each column is
 * shifted vertically by `amplitude`·(1 − u²) and horizontally compressed towards the edges of the bend, with the
 * shading of a curved surface. `centre`/`halfWidth` in pixels.
 */
export function bend(image: ImageData, centre: number, halfWidth: number, amplitude: number): ImageData {
  const { width: W, height: H, data } = image;
  const out = blank(W, H);
  // Per column first, then the frame row by row (in memory order).
  const x0s = new Int32Array(W);
  const fxs = new Float64Array(W);
  const dys = new Float64Array(W);
  const shades = new Float64Array(W);
  for (let x = 0; x < W; x++) {
    const u = Math.max(-1, Math.min(1, (x - centre) / halfWidth));
    // A cylinder seen from the front: frame u = sin(θ); the card's own coordinate is θ (arc length).
    const theta = Math.asin(u) * (2 / Math.PI);
    const sx = Math.abs((x - centre) / halfWidth) < 1 ? centre + theta * halfWidth : x;
    dys[x] = amplitude * (1 - u * u);
    shades[x] = 1 - 0.25 * u * u;
    x0s[x] = Math.min(W - 2, Math.max(0, Math.floor(sx)));
    fxs[x] = Math.min(1, Math.max(0, sx - x0s[x]!));
  }
  const o = out.data;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sy = Math.min(H - 1, Math.max(0, Math.round(y - dys[x]!)));
      const i = (sy * W + x0s[x]!) * 4;
      const j = (y * W + x) * 4;
      const fx = fxs[x]!;
      const shade = shades[x]!;
      for (let c = 0; c < 3; c++) o[j + c] = (data[i + c]! * (1 - fx) + data[i + 4 + c]! * fx) * shade;
    }
  }
  return out;
}

/** Pastes `source` into `target` at (x, y). */
export function paste(target: ImageData, source: ImageData, x: number, y: number): void {
  copyRect(source, 0, 0, target, x, y, source.width, source.height);
}

/**
 * Copies the `width`×`height` block of `source` at (sx, sy) to `target` at (tx, ty), whole rows at a time; pixels
 * outside either image are left out (integer offsets).
 */
function copyRect(
  source: ImageData,
  sx: number,
  sy: number,
  target: ImageData,
  tx: number,
  ty: number,
  width: number,
  height: number,
): void {
  // Clip the block's columns and rows to both images.
  const c0 = Math.max(0, -sx, -tx);
  const c1 = Math.min(width, source.width - sx, target.width - tx);
  const r0 = Math.max(0, -sy, -ty);
  const r1 = Math.min(height, source.height - sy, target.height - ty);
  if (c1 <= c0) return;
  for (let row = r0; row < r1; row++) {
    const from = ((row + sy) * source.width + sx + c0) * 4;
    target.data.set(
      source.data.subarray(from, from + (c1 - c0) * 4),
      ((row + ty) * target.width + tx + c0) * 4,
    );
  }
}

/** An empty frame of `width`×`height` (white). */
export function emptyFrame(width: number, height: number): ImageData {
  return blank(width, height);
}

/**
 * A shadow (a hand, the phone) across the frame: pixels beyond a line through (cx, cy) at `angle` degrees are darkened
 * to `depth` × their light, with a soft edge `softness` px wide — one half of a symbol dim, the other lit.
 */
export function castShadow(
  image: ImageData,
  cx: number,
  cy: number,
  angle: number,
  depth: number,
  softness: number,
): ImageData {
  const out = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  const nx = -Math.sin((angle * Math.PI) / 180);
  const ny = Math.cos((angle * Math.PI) / 180);
  const soft = Math.max(1, softness);
  const dark = 1 - depth;
  const { data } = image;
  const o = out.data;
  for (let y = 0, i = 0; y < image.height; y++) {
    const along = (y - cy) * ny;
    for (let x = 0; x < image.width; x++, i += 4) {
      const d = (x - cx) * nx + along;
      const t = Math.min(1, Math.max(0, 0.5 + d / soft));
      const k = 1 - dark * t;
      for (let c = 0; c < 3; c++) o[i + c] = data[i + c]! * k;
    }
  }
  return out;
}
