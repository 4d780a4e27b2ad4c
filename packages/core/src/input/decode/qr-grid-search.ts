/**
 * Re-samples a QR code that zxing-cpp located but could not decode. A card ID fits a version-1 symbol (21×21),
 * which has no alignment pattern: decoders place its fourth corner by completing a parallelogram from the three
 * finder patterns, which is wrong under strong perspective or a bend — modules near the bottom right are then read
 * from their neighbours and the checksum fails. This search keeps the three finder corners and tries the fourth at
 * offsets of up to ±2 modules (half-module steps; 81 grids), decoding each grid with zxing-js's Reed–Solomon decoder: a wrong
 * grid fails the checksum, it does not change the text.
 */
import type { BitMatrix } from '@zxing/library';
import { DefaultGridSampler, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { cropGrey } from './grey-ops.js';
import type { DecodeEffort, GreyImage, PixelBox, Quad } from './types.js';

class GridDecoder extends QRCodeReader {
  decodeGrid(bits: BitMatrix): string {
    return this.getDecoder().decodeBitMatrix(bits).getText();
  }
}

const decoder = new GridDecoder();
const sampler = new DefaultGridSampler();
/** Version 1 holds every card ID (up to 14 bytes at level M); version 2 is tried when looking thoroughly. */
const DIMENSIONS = { fast: [21], thorough: [21, 25] } as const;
const STEPS = [0, -0.5, 0.5, -1, 1, -1.5, 1.5, -2, 2];

/** The symbol's box with a margin of half its size each side (quiet zone, and corners it misjudged). */
export function quadBox(quad: Quad): PixelBox {
  const xs = quad.map((p) => p.x);
  const ys = quad.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = Math.max(x1 - x0, y1 - y0) / 2;
  return { x: x0 - margin, y: y0 - margin, width: x1 - x0 + 2 * margin, height: y1 - y0 + 2 * margin };
}

/**
 * Decodes the symbol whose outer corners are `quad` (top-left, top-right, bottom-right, bottom-left, as zxing-cpp
 * reports them), searching the bottom-right corner; the text of the first grid that passes the checksum and
 * `accept`, or null.
 */
export function searchQrGrid(
  grey: GreyImage,
  quad: Quad,
  accept: (text: string) => boolean,
  effort: DecodeEffort = 'fast',
): string | null {
  const box = quadBox(quad);
  const crop = cropGrey(grey, box);
  if (crop.width < 21 || crop.height < 21) return null;
  let bits: BitMatrix;
  try {
    bits = new HybridBinarizer(new RGBLuminanceSource(crop.data, crop.width, crop.height)).getBlackMatrix();
  } catch {
    return null;
  }
  const ox = Math.max(0, Math.floor(box.x));
  const oy = Math.max(0, Math.floor(box.y));
  const [tl, tr, br, bl] = quad.map((p) => ({ x: p.x - ox, y: p.y - oy })) as unknown as Quad;
  for (const dim of DIMENSIONS[effort]) {
    const ux = (tr.x - tl.x) / dim;
    const uy = (tr.y - tl.y) / dim;
    const vx = (bl.x - tl.x) / dim;
    const vy = (bl.y - tl.y) / dim;
    for (const a of STEPS) {
      for (const b of STEPS) {
        const x = br.x + a * ux + b * vx;
        const y = br.y + a * uy + b * vy;
        const text = decodeGrid(bits, dim, tl, tr, { x, y }, bl);
        if (text !== null && text !== '' && accept(text)) return text;
      }
    }
  }
  return null;
}

type P = { readonly x: number; readonly y: number };

function decodeGrid(bits: BitMatrix, dim: number, tl: P, tr: P, br: P, bl: P): string | null {
  try {
    const grid = sampler.sampleGrid(
      bits,
      dim,
      dim,
      0,
      0,
      dim,
      0,
      dim,
      dim,
      0,
      dim,
      tl.x,
      tl.y,
      tr.x,
      tr.y,
      br.x,
      br.y,
      bl.x,
      bl.y,
    );
    return decoder.decodeGrid(grid);
  } catch {
    // Off the image, or the checksum/format check failed: this corner hypothesis is wrong.
    return null;
  }
}
