import type { LineBundle } from './scanlines.js';
import type { GreyImage } from './types.js';

/** Bar-code regions by gradient coherence (structure tensor), as scanline bundles, biggest first. */
export function locateLinearCodes(image: GreyImage, maxRegions = 3): LineBundle[] {
  const cell = Math.max(8, Math.round(Math.min(image.width, image.height) / 45));
  const cols = Math.floor(image.width / cell);
  const rows = Math.floor(image.height / cell);
  const angle = new Float32Array(cols * rows);
  const strong = new Uint8Array(cols * rows);
  const tensors = new Float64Array(cols * rows * 3);
  const { data, width } = image;
  const inner = (cell - 2) * (cell - 2);
  // Sobel, separably: per row, the vertically smoothed column sums (v) and vertical differences (d); then
  // gx = v[x+1] − v[x−1] and gy = d[x−1] + 2·d[x] + d[x+1]. Smoothing across the derivative keeps a staircase
  // (aliased) edge's orientation. Only rows and columns inside a cell (not its 1-pixel border) are summed.
  const v = new Int32Array(width);
  const d = new Int32Array(width);
  const xEnd = cols * cell;
  for (let cy = 0; cy < rows; cy++) {
    for (let y = cy * cell + 1; y < (cy + 1) * cell - 1; y += 1) {
      const up = (y - 1) * width;
      const row = y * width;
      const down = (y + 1) * width;
      for (let x = 0; x < xEnd; x++) {
        const a = data[up + x] as number;
        const c = data[down + x] as number;
        v[x] = a + 2 * (data[row + x] as number) + c;
        d[x] = c - a;
      }
      for (let cx = 0; cx < cols; cx++) {
        let jxx = 0;
        let jyy = 0;
        let jxy = 0;
        for (let x = cx * cell + 1; x < (cx + 1) * cell - 1; x += 1) {
          const gx = ((v[x + 1] as number) - (v[x - 1] as number)) >> 2;
          const gy = ((d[x - 1] as number) + 2 * (d[x] as number) + (d[x + 1] as number)) >> 2;
          jxx += gx * gx;
          jyy += gy * gy;
          jxy += gx * gy;
        }
        const k = 3 * (cy * cols + cx);
        tensors[k] = (tensors[k] as number) + jxx;
        tensors[k + 1] = (tensors[k + 1] as number) + jyy;
        tensors[k + 2] = (tensors[k + 2] as number) + jxy;
      }
    }
  }
  for (let k = 0; k < tensors.length; k++) tensors[k] = (tensors[k] as number) / inner;
  // Sensor noise adds the same gradient energy in every direction (its tensor is noise·I): in a dark, amplified frame
  // it drowns the bars' coherence. Its level is the smaller eigenvalue of the quieter cells (flat table and paper);
  // subtracted, the bars stand out again. On a clean frame it is about zero.
  const n = cols * rows;
  const signal = new Float64Array(n);
  const small = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const jxx = tensors[3 * k] as number;
    const jyy = tensors[3 * k + 1] as number;
    const jxy = tensors[3 * k + 2] as number;
    signal[k] = Math.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy);
    small[k] = (jxx + jyy - (signal[k] as number)) / 2;
    angle[k] = 0.5 * Math.atan2(2 * jxy, jxx - jyy);
  }
  // The 30th percentile of the cells' smaller eigenvalue.
  const noise = n === 0 ? 0 : (Float64Array.from(small).sort()[Math.floor(0.3 * (n - 1))] as number);
  for (let k = 0; k < n; k++) {
    const excess = Math.max(0, (small[k] as number) - noise);
    const oriented = signal[k] as number;
    // Mean squared gradient above ~(25 grey levels)² and nearly one orientation (coherence > 0.75), both without the
    // noise; and more oriented energy than noise alone gives a cell by chance.
    strong[k] = oriented + 2 * excess > 600 && excess < oriented / 6 && oriented > noise ? 1 : 0;
  }
  return regions(strong, angle, cols, rows)
    .filter((r) => r.length >= 4)
    .sort((a, b) => b.length - a.length)
    .map((cells) => bundleFor(cells, angle, cols, cell))
    .filter((b) => b !== null)
    .slice(0, maxRegions);
}

/** Connected components (4-neighbours) of strong cells whose orientations differ by less than ~15°. */
function regions(strong: Uint8Array, angle: Float32Array, cols: number, rows: number): number[][] {
  const seen = new Uint8Array(strong.length);
  const out: number[][] = [];
  for (let start = 0; start < strong.length; start++) {
    if (strong[start] !== 1 || seen[start] === 1) continue;
    const cells: number[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const k = stack.pop() as number;
      cells.push(k);
      const x = k % cols;
      const y = (k - x) / cols;
      const around = [
        x > 0 ? k - 1 : -1,
        x < cols - 1 ? k + 1 : -1,
        y > 0 ? k - cols : -1,
        y < rows - 1 ? k + cols : -1,
      ];
      for (const n of around) {
        if (n < 0 || strong[n] !== 1 || seen[n] === 1) continue;
        if (angleGap(angle[n] as number, angle[k] as number) > 0.26) continue;
        seen[n] = 1;
        stack.push(n);
      }
    }
    out.push(cells);
  }
  return out;
}

function angleGap(a: number, b: number): number {
  const d = Math.abs(a - b) % Math.PI;
  return Math.min(d, Math.PI - d);
}

/** Lines along the region's mean axis, through its cells, long enough to include the quiet zones. */
function bundleFor(cells: number[], angle: Float32Array, cols: number, cell: number): LineBundle | null {
  let sx = 0;
  let sy = 0;
  let c2 = 0;
  let s2 = 0;
  for (const k of cells) {
    sx += ((k % cols) + 0.5) * cell;
    sy += (Math.floor(k / cols) + 0.5) * cell;
    c2 += Math.cos(2 * (angle[k] as number));
    s2 += Math.sin(2 * (angle[k] as number));
  }
  const cx = sx / cells.length;
  const cy = sy / cells.length;
  const theta = 0.5 * Math.atan2(s2, c2);
  const ux = Math.cos(theta);
  const uy = Math.sin(theta);
  let along = 0;
  let across = 0;
  for (const k of cells) {
    const dx = ((k % cols) + 0.5) * cell - cx;
    const dy = (Math.floor(k / cols) + 0.5) * cell - cy;
    along = Math.max(along, Math.abs(dx * ux + dy * uy));
    across = Math.max(across, Math.abs(-dx * uy + dy * ux));
  }
  // A bar code's region stretches along its gradients (across its bars); a text line's or a paper edge's stretches
  // across its gradients. Refusing the latter keeps empty frames cheap.
  if (along < across) return null;
  const halfHeight = across + cell / 2;
  const count = 9;
  const offsets = Array.from(
    { length: count },
    (_, i) => ((i - (count - 1) / 2) / ((count - 1) / 2)) * halfHeight * 0.8,
  );
  return { cx, cy, angle: theta, length: 2 * (along + cell) * 1.5 + 4 * cell, offsets, step: 0.5 };
}
