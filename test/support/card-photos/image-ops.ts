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
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < offsets.length; k += 2) {
        const sx = Math.min(W - 1, Math.max(0, x + offsets[k]!));
        const sy = Math.min(H - 1, Math.max(0, y + offsets[k + 1]!));
        const i = (sy * W + sx) * 4;
        r += data[i]!;
        g += data[i + 1]!;
        b += data[i + 2]!;
      }
      const o = (y * W + x) * 4;
      out.data[o] = r / steps;
      out.data[o + 1] = g / steps;
      out.data[o + 2] = b / steps;
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
  for (let i = 0; i < out.data.length; i += 4) {
    const n = noise > 0 ? random.gauss() * noise : 0;
    for (let c = 0; c < 3; c++) out.data[i + c] = low + image.data[i + c]! * k + n;
  }
  return out;
}

/** A `width`×`height` window of the image starting at (x, y) (the frame edge cutting the scene). */
export function crop(image: ImageData, x: number, y: number, width: number, height: number): ImageData {
  const out = blank(width, height);
  for (let row = 0; row < height; row++) {
    const sy = row + y;
    if (sy < 0 || sy >= image.height) continue;
    for (let col = 0; col < width; col++) {
      const sx = col + x;
      if (sx < 0 || sx >= image.width) continue;
      const i = (sy * image.width + sx) * 4;
      out.data.set(image.data.subarray(i, i + 4), (row * width + col) * 4);
    }
  }
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
  for (let x = 0; x < W; x++) {
    const u = Math.max(-1, Math.min(1, (x - centre) / halfWidth));
    // A cylinder seen from the front: frame u = sin(θ); the card's own coordinate is θ (arc length).
    const theta = Math.asin(u) * (2 / Math.PI);
    const sx = Math.abs((x - centre) / halfWidth) < 1 ? centre + theta * halfWidth : x;
    const dy = amplitude * (1 - u * u);
    const shade = 1 - 0.25 * u * u;
    const x0 = Math.min(W - 2, Math.max(0, Math.floor(sx)));
    const fx = Math.min(1, Math.max(0, sx - x0));
    for (let y = 0; y < H; y++) {
      const sy = Math.min(H - 1, Math.max(0, Math.round(y - dy)));
      const i = (sy * W + x0) * 4;
      const o = (y * W + x) * 4;
      for (let c = 0; c < 3; c++) out.data[o + c] = (data[i + c]! * (1 - fx) + data[i + 4 + c]! * fx) * shade;
    }
  }
  return out;
}

/** Pastes `source` into `target` at (x, y). */
export function paste(target: ImageData, source: ImageData, x: number, y: number): void {
  for (let row = 0; row < source.height; row++) {
    const ty = row + y;
    if (ty < 0 || ty >= target.height) continue;
    for (let col = 0; col < source.width; col++) {
      const tx = col + x;
      if (tx < 0 || tx >= target.width) continue;
      const i = (row * source.width + col) * 4;
      target.data.set(source.data.subarray(i, i + 4), (ty * target.width + tx) * 4);
    }
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
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const d = (x - cx) * nx + (y - cy) * ny;
      const t = Math.min(1, Math.max(0, 0.5 + d / Math.max(1, softness)));
      const k = 1 - (1 - depth) * t;
      const i = (y * image.width + x) * 4;
      for (let c = 0; c < 3; c++) out.data[i + c] = image.data[i + c]! * k;
    }
  }
  return out;
}
