/**
 * Re-samples a version-1 QR zxing-js located but could not decode: perspective misplaces its fourth corner,
 * so try it at ±2 modules (half steps, 81 grids); Reed–Solomon rejects a wrong grid, never changes text.
 */
import { type BitMatrix, DefaultGridSampler, QRCodeReader, ResultPoint } from '@zxing/library';
import type { DecodeEffort } from './types.js';

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
/** A finder pattern's centre, in modules from the symbol's edge. */
const INSET = 3.5;

/** A finder pattern's centre and module size, as zxing-js's finder reports it. */
export type Finder = { readonly x: number; readonly y: number; readonly module: number };

/** Decodes from plausible finder triples, at most `budget.triples` (shared per frame: bounded work). */
export function searchQrFromFinders(
  bits: BitMatrix,
  finders: readonly Finder[],
  accept: (text: string) => boolean,
  budget: { triples: number },
  effort: DecodeEffort = 'fast',
): string | null {
  const list = finders.slice(0, 8);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      for (let k = j + 1; k < list.length; k++) {
        const triple = [list[i], list[j], list[k]] as [Finder, Finder, Finder];
        const modules = triple.map((f) => f.module);
        if (Math.max(...modules) > 1.6 * Math.min(...modules)) continue;
        const points = triple.map((f) => new ResultPoint(f.x, f.y));
        ResultPoint.orderBestPatterns(points);
        const [bl, tl, tr] = points.map((p) => ({ x: p.getX(), y: p.getY() })) as [P, P, P];
        const a = Math.hypot(tr.x - tl.x, tr.y - tl.y);
        const b = Math.hypot(bl.x - tl.x, bl.y - tl.y);
        const module = modules.reduce((x, y) => x + y, 0) / 3;
        // Two sides of (dimension − 7) modules, about as long as each other (tilt), at about a right angle.
        const cos = ((tr.x - tl.x) * (bl.x - tl.x) + (tr.y - tl.y) * (bl.y - tl.y)) / (a * b);
        if (Math.max(a, b) > 1.6 * Math.min(a, b) || Math.abs(cos) > 0.5 || (a + b) / 2 / module > 40)
          continue;
        const corners = { tl, tr, br: { x: tr.x + bl.x - tl.x, y: tr.y + bl.y - tl.y }, bl };
        // Text and print can mimic three finder patterns; their timing patterns give them away, before 81 grids
        // are decoded and before they take a place of the budget that a real symbol later in the list needs.
        const dims = DIMENSIONS[effort].filter((dim) => hasTimingPatterns(bits, dim, corners));
        if (dims.length === 0) continue;
        // A bounded number of triples per frame (81 grids each): work per frame, not time, is bounded.
        if (budget.triples <= 0) return null;
        budget.triples--;
        const text = searchGrid(bits, dims, corners, accept);
        if (text !== null) return text;
      }
    }
  }
  return null;
}

/** Grids through tl, tr, bl with br moved up to ±2 modules; the first text passing checksum and `accept`. */
function searchGrid(
  bits: BitMatrix,
  dims: readonly number[],
  { tl, tr, br, bl }: Corners,
  accept: (text: string) => boolean,
): string | null {
  for (const dim of dims) {
    const span = dim - 2 * INSET;
    const ux = (tr.x - tl.x) / span;
    const uy = (tr.y - tl.y) / span;
    const vx = (bl.x - tl.x) / span;
    const vy = (bl.y - tl.y) / span;
    for (const a of STEPS) {
      for (const b of STEPS) {
        const corner = { x: br.x + a * ux + b * vx, y: br.y + a * uy + b * vy };
        let text: string;
        try {
          text = decoder.decodeGrid(sampleSquare(bits, dim, { tl, tr, br: corner, bl }));
        } catch {
          continue; // Off the image, or the checksum/format check failed: this corner hypothesis is wrong.
        }
        if (text !== '' && accept(text)) return text;
      }
    }
  }
  return null;
}

type P = { readonly x: number; readonly y: number };
type Corners = { readonly tl: P; readonly tr: P; readonly br: P; readonly bl: P };

/** The `dim`×`dim` module grid whose finder centres (`INSET` modules in) lie on the corners (throws off the image). */
function sampleSquare(bits: BitMatrix, dim: number, { tl, tr, br, bl }: Corners): BitMatrix {
  const lo = INSET;
  const hi = dim - INSET;
  return sampler.sampleGrid(
    bits,
    dim,
    dim,
    lo,
    lo,
    hi,
    lo,
    hi,
    hi,
    lo,
    hi,
    tl.x,
    tl.y,
    tr.x,
    tr.y,
    br.x,
    br.y,
    bl.x,
    bl.y,
  );
}

/** Whether row and column 6 show timing patterns (≤ 30 % wrong; print has none); off-image grids pass. */
function hasTimingPatterns(bits: BitMatrix, dim: number, corners: Corners): boolean {
  let grid: BitMatrix;
  try {
    grid = sampleSquare(bits, dim, corners);
  } catch {
    return true;
  }
  let errors = 0;
  for (let i = 8; i < dim - 8; i++) {
    const dark = i % 2 === 0;
    if (grid.get(i, 6) !== dark) errors++;
    if (grid.get(6, i) !== dark) errors++;
  }
  return 10 * errors <= 3 * 2 * (dim - 16);
}
