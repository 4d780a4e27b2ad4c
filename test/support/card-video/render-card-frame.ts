// Paints a camera-like grey frame of a card held in front of the lens: the card sways (rotation, shift, scale),
// the light falls off towards the corners, and sensor noise is added. Deterministic for a given seed.
import type { ModuleBitmap } from './render-symbol.js';

/** 8-bit luminance image. */
export type GreyFrame = { readonly width: number; readonly height: number; readonly luma: Uint8Array };

export type CardPose = {
  /** Card centre, in frame pixels. */
  readonly cx: number;
  readonly cy: number;
  /** Radians. */
  readonly angle: number;
  /** Frame pixels per card pixel. */
  readonly scale: number;
};

/** The card face: light paper with a coloured band (rendered as grey) and the symbol in the middle. */
export function renderCardFace(symbol: ModuleBitmap, modulePx: number): GreyFrame {
  const symbolW = symbol.width * modulePx;
  const symbolH = symbol.height * modulePx;
  const width = Math.round(Math.max(symbolW * 1.25, symbolH * 1.9));
  const height = Math.round(Math.max(symbolH * 1.5, width / 1.586));
  const luma = new Uint8Array(width * height).fill(228);
  const band = Math.round(height * 0.12);
  luma.fill(150, 0, band * width);
  const ox = Math.round((width - symbolW) / 2);
  const oy = Math.round(band + (height - band - symbolH) / 2);
  for (let y = 0; y < symbolH; y += 1) {
    for (let x = 0; x < symbolW; x += 1) {
      const module = symbol.dark[Math.floor(y / modulePx) * symbol.width + Math.floor(x / modulePx)];
      luma[(oy + y) * width + ox + x] = module === 1 ? 28 : 236;
    }
  }
  return { width, height, luma };
}

export function renderFrame(
  card: GreyFrame | null,
  pose: CardPose,
  width: number,
  height: number,
  random: () => number,
  noise = 7,
): GreyFrame {
  const luma = new Uint8Array(width * height);
  const cos = Math.cos(-pose.angle) / pose.scale;
  const sin = Math.sin(-pose.angle) / pose.scale;
  const maxR2 = (width / 2) ** 2 + (height / 2) ** 2;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      // A dull desk with a faint texture behind the card.
      let v = 70 + 12 * Math.sin(x / 37) * Math.cos(y / 23);
      if (card) {
        const dx = x - pose.cx;
        const dy = y - pose.cy;
        const u = dx * cos - dy * sin + card.width / 2;
        const w = dx * sin + dy * cos + card.height / 2;
        const sample = sampleBilinear(card, u, w);
        if (sample !== null) v = sample;
      }
      const r2 = (x - width / 2) ** 2 + (y - height / 2) ** 2;
      v *= 1 - 0.25 * (r2 / maxR2);
      v += (random() + random() + random() - 1.5) * noise;
      luma[y * width + x] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
  return { width, height, luma };
}

function sampleBilinear(img: GreyFrame, u: number, v: number): number | null {
  if (u < 0 || v < 0 || u >= img.width - 1 || v >= img.height - 1) return null;
  const x0 = Math.floor(u);
  const y0 = Math.floor(v);
  const fx = u - x0;
  const fy = v - y0;
  const i = y0 * img.width + x0;
  const a = img.luma[i] ?? 0;
  const b = img.luma[i + 1] ?? 0;
  const c = img.luma[i + img.width] ?? 0;
  const d = img.luma[i + img.width + 1] ?? 0;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}
