// Scenes with a symbol the card renderer does not print: any QR text (lower case, spaces, a URL), Code 39 with
// the mod-43 character or a cramped quiet zone, a product's EAN-13. Drawn on a card-sized label with dark print
// around it, placed in the frame with a rotation and scale, then blurred and noised like a camera.
import bwipjs from 'bwip-js/browser';
import type { Random } from './prng.js';
import { code39Modules, qrModules } from './symbols.js';
import type { ModuleMatrix } from './symbols.js';

export type LabelSymbol =
  | { readonly kind: 'qr'; readonly text: string }
  | {
      readonly kind: 'code39';
      readonly text: string;
      readonly checkDigit?: boolean;
      /** Quiet zone each side, in narrow modules (the spec asks for 10). */
      readonly quiet: number;
    }
  | { readonly kind: 'ean13'; readonly digits: string };

export type LabelPlacement = {
  /** Label width as a fraction of the frame width. */
  readonly scale: number;
  readonly roll: number;
  /** Gaussian blur sigma, px. */
  readonly blur: number;
  readonly noise: number;
};

function ean13Modules(digits: string): ModuleMatrix {
  const [raw] = bwipjs.raw('ean13', digits, {} as Record<string, string>) as { sbs: number[] }[];
  if (raw === undefined) throw new Error('bwip-js returned no EAN-13');
  const row: number[] = [];
  raw.sbs.forEach((w, i) => {
    for (let k = 0; k < w; k++) row.push(i % 2 === 0 ? 1 : 0);
  });
  return { width: row.length, height: 1, dark: Uint8Array.from(row) };
}

/** A 856×540 label (ID-1 at 10 px/mm) with the symbol and dark print next to it. */
export function renderLabel(symbol: LabelSymbol): OffscreenCanvas {
  const canvas = new OffscreenCanvas(856, 540);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f1f1ea';
  ctx.fillRect(0, 0, 856, 540);
  ctx.fillStyle = '#1d1d1d';
  ctx.font = '28px sans-serif';
  ctx.fillText('Kaikukortti · Kulturkort', 40, 60);
  if (symbol.kind === 'qr') {
    const m = qrModules(symbol.text);
    const size = 250;
    const unit = size / (m.width + 8);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(560, 250, size, size);
    drawModules(ctx, m, 560 + 4 * unit, 250 + 4 * unit, unit, unit);
    return canvas;
  }
  const m =
    symbol.kind === 'ean13'
      ? ean13Modules(symbol.digits)
      : code39Modules(symbol.text, { checkDigit: symbol.checkDigit ?? false, ratio: 3 });
  const quiet = symbol.kind === 'code39' ? symbol.quiet : 9;
  const unit = 620 / m.width;
  const x = (856 - m.width * unit) / 2;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x - quiet * unit, 200, (m.width + 2 * quiet) * unit, 170);
  drawModules(ctx, m, x, 220, unit, 130);
  // Dark print right where the quiet zone ends (a border rule, a logo): what a cramped layout puts there.
  ctx.fillStyle = '#1d1d1d';
  ctx.fillRect(x - quiet * unit - 14, 200, 14, 170);
  ctx.fillRect(x + (m.width + quiet) * unit, 200, 14, 170);
  return canvas;
}

function drawModules(
  ctx: OffscreenCanvasRenderingContext2D,
  m: ModuleMatrix,
  x: number,
  y: number,
  unit: number,
  rowHeight: number,
): void {
  ctx.fillStyle = '#000000';
  for (let r = 0; r < m.height; r++) {
    for (let c = 0; c < m.width; c++) {
      if (m.dark[r * m.width + c] === 1)
        ctx.fillRect(x + c * unit, y + r * rowHeight, unit + 0.3, rowHeight + 0.3);
    }
  }
}

/** Places labels in a grey table scene: each at its own centre (fractions of the frame). */
export function labelScene(
  size: { width: number; height: number },
  labels: readonly { symbol: LabelSymbol; cx: number; cy: number }[],
  placement: LabelPlacement,
  random: Random,
): ImageData {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = `hsl(30 10% ${random.int(30, 55)}%)`;
  ctx.fillRect(0, 0, size.width, size.height);
  for (const { symbol, cx, cy } of labels) {
    const label = renderLabel(symbol);
    const w = placement.scale * size.width;
    ctx.save();
    ctx.translate(cx * size.width, cy * size.height);
    ctx.rotate((placement.roll * Math.PI) / 180);
    ctx.drawImage(label, -w / 2, (-w * 540) / 856 / 2, w, (w * 540) / 856);
    ctx.restore();
  }
  let image = ctx.getImageData(0, 0, size.width, size.height);
  if (placement.blur > 0) {
    const out = new OffscreenCanvas(size.width, size.height);
    const octx = out.getContext('2d', { willReadFrequently: true })!;
    octx.filter = `blur(${placement.blur}px)`;
    octx.drawImage(canvas, 0, 0);
    image = octx.getImageData(0, 0, size.width, size.height);
  }
  // One row of noise at a time, in pixel order (one gauss() a pixel, as the sequence always was).
  const noises = new Float64Array(size.width);
  const d = image.data;
  for (let i = 0, x = size.width; i < d.length; i += 4, x++) {
    if (x === size.width) {
      random.gaussFill(noises);
      x = 0;
    }
    const n = noises[x]! * placement.noise;
    for (let c = 0; c < 3; c++) d[i + c] = d[i + c]! + n;
  }
  return image;
}
