// Renders the module pattern of a card's QR code or Code 39 barcode (1 = dark) with bwip-js's raw encoder.
import bwipjs from 'bwip-js/node';

export type CardSymbol = 'qr_code' | 'code_39';

/** A binary bitmap at one pixel per module, quiet zone included. */
export type ModuleBitmap = { readonly width: number; readonly height: number; readonly dark: Uint8Array };

type RawLinear = { sbs: number[] };
type Raw2d = { pixs: number[]; pixx: number; pixy: number };

export function renderSymbol(symbol: CardSymbol, text: string): ModuleBitmap {
  if (symbol === 'qr_code') {
    const [raw] = bwipjs.raw('qrcode', text, {}) as Raw2d[];
    if (!raw) throw new Error('bwip-js returned no QR code');
    return withQuietZone(raw.pixx, raw.pixy, (x, y) => raw.pixs[y * raw.pixx + x] === 1, 4, 4);
  }
  const [raw] = bwipjs.raw('code39', text, {}) as RawLinear[];
  if (!raw) throw new Error('bwip-js returned no Code 39');
  // sbs alternates bar, space, bar…: widths in modules (narrow 1, wide 3).
  const row: number[] = [];
  raw.sbs.forEach((w, i) => {
    for (let k = 0; k < w; k += 1) row.push(i % 2 === 0 ? 1 : 0);
  });
  const barHeight = Math.round(row.length * 0.22);
  return withQuietZone(row.length, barHeight, (x) => row[x] === 1, 12, 3);
}

function withQuietZone(
  width: number,
  height: number,
  isDark: (x: number, y: number) => boolean,
  quietX: number,
  quietY: number,
): ModuleBitmap {
  const w = width + 2 * quietX;
  const h = height + 2 * quietY;
  const dark = new Uint8Array(w * h);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (isDark(x, y)) dark[(y + quietY) * w + x + quietX] = 1;
    }
  }
  return { width: w, height: h, dark };
}
