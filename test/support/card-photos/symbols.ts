// Module patterns of a card's QR code (front) and Code 39 bar code (back), from bwip-js's raw encoder.
import bwipjs from 'bwip-js/browser';

/** One pixel per module, no quiet zone: `dark[y * width + x] === 1` for a dark module. */
export type ModuleMatrix = { readonly width: number; readonly height: number; readonly dark: Uint8Array };

type Raw2d = { pixs: number[]; pixx: number; pixy: number };
type RawLinear = { sbs: number[] };

/** A QR code's modules; `gs1qrcode` encodes a GS1 element string such as `(01)…(10)…` with FNC1. */
export function qrModules(
  text: string,
  eclevel: 'L' | 'M' | 'Q' | 'H' = 'M',
  encoder: 'qrcode' | 'gs1qrcode' = 'qrcode',
): ModuleMatrix {
  const [raw] = bwipjs.raw(encoder, text, { eclevel } as Record<string, string>) as Raw2d[];
  if (raw === undefined) throw new Error('bwip-js returned no QR code');
  return { width: raw.pixx, height: raw.pixy, dark: Uint8Array.from(raw.pixs, (v) => (v === 1 ? 1 : 0)) };
}

/**
 * Code 39 bars as one row of modules (narrow = 1, wide = `ratio`, rounded to whole modules ×2 for 2.5:1).
 * `*` start/stop characters are added by bwip-js; `checkDigit` appends the mod-43 character.
 */
export function code39Modules(
  text: string,
  options: { checkDigit?: boolean; ratio?: 2 | 2.5 | 3 } = {},
): ModuleMatrix {
  const [raw] = bwipjs.raw(
    'code39',
    text,
    (options.checkDigit ? { includecheck: true } : {}) as Record<string, boolean>,
  ) as RawLinear[];
  if (raw === undefined) throw new Error('bwip-js returned no Code 39');
  const ratio = options.ratio ?? 3;
  const unit = ratio === 2.5 ? 2 : 1;
  const row: number[] = [];
  raw.sbs.forEach((w, i) => {
    const modules = w > 1.5 ? Math.round(ratio * unit) : unit;
    for (let k = 0; k < modules; k++) row.push(i % 2 === 0 ? 1 : 0);
  });
  return { width: row.length, height: 1, dark: Uint8Array.from(row) };
}

/**
 * A 2D symbol drawn flat and axis-aligned on white, `scale` px a module with a `quiet`-module margin (what a
 * scanner test chart shows). Browser only (OffscreenCanvas).
 */
export function flatImage(m: ModuleMatrix, scale = 6, quiet = 4): ImageData {
  const width = (m.width + 2 * quiet) * scale;
  const height = (m.height + 2 * quiet) * scale;
  const ctx = new OffscreenCanvas(width, height).getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  for (let y = 0; y < m.height; y++)
    for (let x = 0; x < m.width; x++)
      if (m.dark[y * m.width + x] === 1) ctx.fillRect((x + quiet) * scale, (y + quiet) * scale, scale, scale);
  return ctx.getImageData(0, 0, width, height);
}
