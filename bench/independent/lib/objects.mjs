// Flat printed or emissive objects as textures: the Kaikukortti card (front with QR, back with Code 39),
// a phone showing the mobile card, and the things that are not cards (product box, tickets, labels).
import bwip from 'bwip-js';
import { Img } from './raster.mjs';
import { drawText, textWidth } from './font.mjs';

export const PX_PER_MM = 12;
const S = PX_PER_MM;
const INK = [28, 26, 30];

/** Draw a linear barcode (bwip-js bar/space widths) at (x, y) with module width m px and height h px. */
export function drawBars(img, sbs, x, y, m, h, ink = INK, spread = 0.04) {
  let cx = x;
  for (let i = 0; i < sbs.length; i++) {
    const w = sbs[i] * m;
    if (i % 2 === 0) img.rect(cx - spread * m, y, w + 2 * spread * m, h, ink);
    cx += w;
  }
  return cx - x;
}

/** Draw a 2D matrix code (bwip-js pixs) at (x, y) with module size m px. */
export function drawMatrix(img, raw, x, y, m, ink = INK) {
  for (let r = 0; r < raw.pixy; r++)
    for (let c = 0; c < raw.pixx; c++)
      if (raw.pixs[r * raw.pixx + c]) img.rect(x + c * m, y + r * m, m, m, ink);
}

function paperGrain(img, rnd, amount) {
  const d = img.d;
  for (let i = 0; i < d.length; i += 3) {
    const n = (rnd() + rnd() + rnd() - 1.5) * 2 * amount;
    d[i] += n;
    d[i + 1] += n;
    d[i + 2] += n;
  }
}

function scribble(img, rnd, x, y, w, h) {
  // Handwriting stand-in (a made-up name): a wavy pen stroke.
  let px = x,
    py = y + h / 2;
  for (let t = 0; t < 1; t += 0.002) {
    px = x + t * w;
    py = y + h / 2 + Math.sin(t * 60 + rnd() * 0.3) * h * 0.3 + Math.sin(t * 17) * h * 0.15;
    img.rect(px, py, 2.2, 2.2, [30, 40, 120]);
  }
}

const BANDS = [
  [
    [146, 38, 120],
    [236, 112, 40],
  ],
  [
    [40, 90, 170],
    [120, 60, 160],
  ],
  [
    [200, 40, 80],
    [250, 170, 40],
  ],
];

/** The card (85.6 × 54 mm). side 'front' carries the QR, 'back' the Code 39 with its printed text. */
export function cardTexture(id, side, rnd, opts = {}) {
  const W = Math.round(85.6 * S),
    H = Math.round(54 * S);
  const paper = opts.paper || [246, 244, 238];
  const img = new Img(W, H, paper);
  const [c0, c1] = opts.band || rnd.pick(BANDS);
  let code;
  const bandH = side === 'front' ? 20 * S : 9 * S;
  for (let x = 0; x < W; x++) {
    const t = x / W,
      col = c0.map((v, k) => v + (c1[k] - v) * t);
    img.rect(x, 0, 1, bandH, col);
  }
  if (side === 'front') {
    drawText(img, 'KAIKUKORTTI', 5 * S, 4 * S, 1.05 * S, [255, 255, 255], 1);
    drawText(img, 'KULTTUURIA KAIKILLE', 5 * S, 15 * S, 0.45 * S, [255, 240, 230]);
    const qr = bwip.raw('qrcode', id, { eclevel: 'M' })[0];
    const m = (opts.qrMm || 20) / qr.pixx;
    const qx = W - 4 * S - qr.pixx * m * S,
      qy = 24 * S;
    img.rect(
      qx - 2.5 * m * S,
      qy - 2.5 * m * S,
      (qr.pixx + 5) * m * S,
      (qr.pixy + 5) * m * S,
      [255, 255, 255],
    );
    drawMatrix(img, qr, qx, qy, m * S);
    drawText(img, 'NIMI', 5 * S, 27 * S, 0.5 * S, [90, 90, 90]);
    img.rect(5 * S, 36 * S, 40 * S, 0.3 * S, [120, 120, 120]);
    scribble(img, rnd, 6 * S, 30 * S, 35 * S, 6 * S);
    drawText(img, id, 5 * S, 46 * S, 0.55 * S, INK);
    code = [qx / S - 85.6 / 2, qy / S - 27, qx / S + qr.pixx * m - 85.6 / 2, qy / S + qr.pixy * m - 27];
  } else {
    drawText(img, 'KAIKUKORTTI', 4 * S, 2.5 * S, 0.6 * S, [255, 255, 255]);
    drawText(img, 'VOIMASSA 12 KK MYONTAMISESTA', 4 * S, 12 * S, 0.38 * S, [80, 80, 80]);
    drawText(img, 'ALLE 18 V LAPSET/LAPSENLAPSET:', 4 * S, 16 * S, 0.38 * S, [80, 80, 80]);
    const c39 = bwip.raw('code39', id, {})[0];
    const mods = c39.sbs.reduce((a, b) => a + b, 0);
    const m = (opts.barMm || 62) / mods,
      bw = mods * m * S;
    const bx = (W - bw) / 2,
      by = 22 * S;
    drawBars(img, c39.sbs, bx, by, m * S, 13 * S);
    const tp = 0.55 * S;
    drawText(img, id, (W - textWidth(id, tp)) / 2, by + 14.5 * S, tp, INK);
    code = [bx / S - 85.6 / 2, by / S - 27, (bx + bw) / S - 85.6 / 2, by / S + 13 - 27];
  }
  if (opts.worn) wear(img, rnd);
  paperGrain(img, rnd, 2.5);
  return { tex: img, wmm: 85.6, hmm: 54, kind: 'card', code };
}

function wear(img, rnd) {
  // Faded ink, a crease (shaded line) and scratches (paper-coloured lines) across the card.
  const d = img.d;
  for (let i = 0; i < d.length; i++) d[i] = 255 - (255 - d[i]) * 0.72;
  const x0 = rnd.range(0.3, 0.7) * img.w;
  for (let y = 0; y < img.h; y++) {
    const xc = x0 + (y - img.h / 2) * 0.15;
    for (let x = Math.max(0, Math.floor(xc - 14)); x < Math.min(img.w, xc + 14); x++) {
      const f = 1 - 0.12 * Math.exp(-(((x - xc) / 5) ** 2)) + 0.06 * Math.exp(-(((x - xc - 8) / 4) ** 2));
      const k = (y * img.w + x) * 3;
      d[k] *= f;
      d[k + 1] *= f;
      d[k + 2] *= f;
    }
  }
  for (let s = 0; s < 5; s++) {
    let x = rnd() * img.w,
      y = rnd() * img.h;
    const a = rnd() * Math.PI,
      len = rnd.range(80, 300);
    for (let t = 0; t < len; t += 0.7)
      img.rect(x + Math.cos(a) * t, y + Math.sin(a) * t, 2.2, 2.2, [236, 234, 228], 0.8);
    void x;
    void y;
  }
}

/** A phone (70 × 145 mm) whose screen shows the mobile card; dark mode inverts the code. */
export function phoneTexture(id, symbology, rnd, dark = false) {
  const W = 70 * S,
    H = 145 * S,
    img = new Img(W, H, [12, 12, 14]);
  const sx = 3 * S,
    sy = 10 * S,
    sw = 64 * S,
    sh = 125 * S;
  const bg = dark ? [18, 18, 20] : [250, 250, 250],
    fg = dark ? [235, 235, 235] : [10, 10, 10];
  img.rect(sx, sy, sw, sh, bg);
  let code;
  img.rect(sx, sy, sw, 14 * S, dark ? [70, 30, 70] : [146, 38, 120]);
  drawText(img, 'KAIKUKORTTI', sx + 5 * S, sy + 4 * S, 0.9 * S, [255, 255, 255]);
  if (symbology === 'qr') {
    const qr = bwip.raw('qrcode', id, { eclevel: 'M' })[0],
      m = (40 / qr.pixx) * S;
    drawMatrix(img, qr, sx + (sw - qr.pixx * m) / 2, sy + 30 * S, m, fg);
    code = [
      (sx + (sw - qr.pixx * m) / 2) / S - 35,
      (sy + 30 * S) / S - 72.5,
      (sx + (sw + qr.pixx * m) / 2) / S - 35,
      (sy + 30 * S + qr.pixy * m) / S - 72.5,
    ];
  } else {
    const c = bwip.raw('code39', id, {})[0],
      mods = c.sbs.reduce((a, b) => a + b, 0),
      m = (58 / mods) * S;
    drawBars(img, c.sbs, sx + (sw - mods * m) / 2, sy + 40 * S, m, 18 * S, fg, 0);
    code = [
      (sx + (sw - mods * m) / 2) / S - 35,
      sy / S + 40 - 72.5,
      (sx + (sw + mods * m) / 2) / S - 35,
      sy / S + 58 - 72.5,
    ];
  }
  drawText(img, id, sx + (sw - textWidth(id, 0.7 * S)) / 2, sy + 80 * S, 0.7 * S, fg);
  return { tex: img, wmm: 70, hmm: 145, kind: 'phone', code, screen: { x0: 3, y0: 10, x1: 67, y1: 135 } };
}

/** Things that are not cards but carry codes: 'ean', 'qr-url', 'code128', 'code39'. */
export function otherTexture(kind, payload, rnd) {
  if (kind === 'ean') {
    const W = 110 * S,
      H = 75 * S,
      img = new Img(
        W,
        H,
        rnd.pick([
          [200, 60, 40],
          [40, 120, 60],
          [230, 200, 60],
        ]),
      );
    drawText(
      img,
      rnd.pick(['KAURAHIUTALE', 'KAHVI', 'NAKSU', 'MAITO']),
      6 * S,
      6 * S,
      1.2 * S,
      [255, 255, 255],
      1,
    );
    img.rect(50 * S, 38 * S, 45 * S, 32 * S, [250, 250, 250]);
    const r = bwip.raw('ean13', payload, {})[0],
      m = 0.33 * S;
    drawBars(img, r.sbs, 56 * S, 41 * S, m, 22 * S);
    drawText(img, payload, 56 * S, 64.5 * S, 0.45 * S, INK);
    paperGrain(img, rnd, 2);
    return { tex: img, wmm: 110, hmm: 75, kind };
  }
  const W = 80 * S,
    H = 150 * S,
    img = new Img(W, H, [243, 240, 230]);
  drawText(img, kind === 'code39' ? 'VARASTO' : 'PAASYLIPPU', 6 * S, 8 * S, 1.0 * S, INK, 1);
  for (let i = 0; i < 6; i++)
    img.rect(6 * S, (22 + i * 5) * S, rnd.range(30, 66) * S, 1.6 * S, [150, 150, 150]);
  if (kind === 'qr-url') {
    const r = bwip.raw('qrcode', payload, { eclevel: 'M' })[0],
      m = (42 / r.pixx) * S;
    drawMatrix(img, r, (W - r.pixx * m) / 2, 60 * S, m);
  } else {
    const r = bwip.raw(kind, payload, {})[0],
      mods = r.sbs.reduce((a, b) => a + b, 0),
      m = Math.min(0.38, 68 / mods) * S;
    drawBars(img, r.sbs, (W - mods * m) / 2, 70 * S, m, 16 * S);
    drawText(img, payload, (W - textWidth(payload, 0.5 * S)) / 2, 88 * S, 0.5 * S, INK);
  }
  paperGrain(img, rnd, 2.5);
  return { tex: img, wmm: 80, hmm: 150, kind };
}

/** A background (desk, papers, keyboard-like blocks, a window for backlight) of w × h px. */
export function backgroundImage(w, h, rnd, opts = {}) {
  const base = rnd.pick([
    [120, 96, 70],
    [160, 150, 140],
    [90, 94, 100],
    [180, 170, 150],
  ]);
  const img = new Img(w, h, base);
  for (let y = 0; y < h; y++) {
    const g = Math.sin(y * 0.05 + Math.sin(y * 0.013) * 3) * 6;
    for (let x = 0; x < w; x++) {
      const k = (y * w + x) * 3;
      img.d[k] += g;
      img.d[k + 1] += g;
      img.d[k + 2] += g;
    }
  }
  const n = rnd.int(4, 9);
  for (let i = 0; i < n; i++) {
    const rw = rnd.range(0.1, 0.4) * w,
      rh = rnd.range(0.1, 0.4) * h,
      x = rnd.range(-0.1, 0.9) * w,
      y = rnd.range(-0.1, 0.9) * h;
    const col = rnd.pick([
      [235, 235, 228],
      [60, 60, 66],
      [200, 180, 120],
      [90, 130, 170],
      [230, 230, 235],
    ]);
    img.rect(x, y, rw, rh, col);
    if (col[0] > 200)
      for (let l = 0; l < rh / 12 - 1; l++)
        img.rect(x + 8, y + 8 + l * 12, rnd.range(0.3, 0.9) * (rw - 16), 3, [140, 140, 140]);
    else if (col[0] < 100)
      for (let kx = 6; kx < rw - 14; kx += 16)
        for (let ky = 6; ky < rh - 14; ky += 16) img.rect(x + kx, y + ky, 12, 12, [35, 35, 40]);
  }
  if (opts.window) img.rect(w * 0.1, -1, w * 0.8, h * 0.75, [420, 420, 400]);
  return img;
}
