// Draws a Kaikukortti-like card face (front with the QR code, back with the Code 39 bar code) on a canvas.
import type { Random } from './prng.js';
import { code39Modules, qrModules } from './symbols.js';
import type { ModuleMatrix } from './symbols.js';

export type CardSide = 'qr_code' | 'code_39';

/** ID-1 card proportions (85.6 × 54 mm). */
export const CARD_ASPECT = 85.6 / 54;

const PALETTES = [
  { ground: '#f6c9d8', accent: '#b4145a', ink: '#2a1020' },
  { ground: '#fde7b0', accent: '#d9540b', ink: '#2b1a07' },
  { ground: '#d6ecf7', accent: '#0f5d8c', ink: '#0c1f2c' },
  { ground: '#ffffff', accent: '#7a1fa2', ink: '#1d1d1d' },
] as const;

/** Renders one card face `width` pixels wide; the symbol keeps a white quiet zone as printed cards do. */
export function renderCard(side: CardSide, text: string, width: number, random: Random): OffscreenCanvas {
  const height = Math.round(width / CARD_ASPECT);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2D context');
  const palette = random.pick(PALETTES);
  const u = width / 85.6; // pixels per millimetre
  ctx.fillStyle = palette.ground;
  roundRect(ctx, 0, 0, width, height, 3 * u);
  ctx.fill();
  ctx.fillStyle = palette.accent;
  ctx.fillRect(0, 0, width, 9 * u);
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold ${6 * u}px sans-serif`;
  ctx.fillText('Kaikukortti', 4 * u, 6.8 * u);
  ctx.fillStyle = palette.ink;
  ctx.font = `${2.6 * u}px sans-serif`;
  if (side === 'qr_code') {
    ctx.fillText('Nimi / Namn ____________', 4 * u, 17 * u);
    ctx.fillText('Voimassa / Giltigt __.__.____', 4 * u, 23 * u);
    ctx.fillText('Alle 18 v. lapset: __', 4 * u, 29 * u);
    ctx.font = `bold ${3.2 * u}px monospace`;
    ctx.fillText(text, 4 * u, 47 * u);
    const size = random.range(22, 27) * u;
    drawMatrix(ctx, qrModules(text), width - size - 5 * u, height - size - 5 * u, size, size, 4);
  } else {
    ctx.fillText('Kortti on henkilökohtainen. Kortet är personligt.', 4 * u, 15 * u);
    ctx.fillText('www.kaikukortti.fi', 4 * u, 20 * u);
    const barWidth = random.range(58, 70) * u;
    const barHeight = random.range(11, 15) * u;
    const x = (width - barWidth) / 2;
    drawMatrix(
      ctx,
      code39Modules(text, { ratio: random.pick([2.5, 3] as const) }),
      x,
      26 * u,
      barWidth,
      barHeight,
      10,
    );
    ctx.fillStyle = palette.ink;
    ctx.font = `${3 * u}px monospace`;
    ctx.textAlign = 'center';
    ctx.fillText(text, width / 2, 26 * u + barHeight + 4 * u);
  }
  return canvas;
}

/** Draws modules scaled into the box, on a white quiet zone of `quiet` modules each side. */
function drawMatrix(
  ctx: OffscreenCanvasRenderingContext2D,
  m: ModuleMatrix,
  x: number,
  y: number,
  width: number,
  height: number,
  quiet: number,
): void {
  const linear = m.height === 1;
  const mx = width / (m.width + 2 * quiet);
  const my = linear ? height : height / (m.height + 2 * quiet);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x, y - (linear ? 0.15 * height : 0), width, linear ? 1.3 * height : height);
  ctx.fillStyle = '#000000';
  for (let r = 0; r < m.height; r++) {
    for (let c = 0; c < m.width; c++) {
      if (m.dark[r * m.width + c] !== 1) continue;
      const px = x + (c + quiet) * mx;
      const py = linear ? y : y + (r + quiet) * my;
      // Overlap by a hair so adjacent modules do not leave anti-aliasing seams.
      ctx.fillRect(px, py, mx + 0.35, linear ? height : my + 0.35);
    }
  }
}

function roundRect(
  ctx: OffscreenCanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/** A phone's proportions (width / height, portrait): about 71 × 146 mm. */
export const PHONE_ASPECT = 71 / 146;

/** How a phone shows the mobile card (X, Z): the app's theme and what the screen adds to the picture. */
export type PhoneScreen = {
  /** Exposure of the emissive screen, independent of the room's light (`Effects.light`); > 1 overexposes it. */
  readonly light: number;
  /** Dark theme: light modules on a dark screen (an inverted symbol). */
  readonly inverted: boolean;
  /** Pixel-grid pitch in pixels of the rendered phone (2–4): its gaps alias into moiré in the camera frame. */
  readonly pitch: number;
  /** Strength (0–1) of a reflection band across the glass. */
  readonly reflection: number;
};

/** Where the QR code's centre is on the rendered phone (fractions of width and height). */
export const PHONE_QR_CENTRE = { x: 0.5, y: 0.46 } as const;

/**
 * Renders a phone `width` pixels wide showing the mobile Kaikukortti: a dark body with rounded corners, the app's
 * screen (light or dark theme) with the QR code in the middle, the screen's pixel grid and a reflection on the glass.
 */
export function renderPhone(
  text: string,
  width: number,
  screen: PhoneScreen,
  random: Random,
): OffscreenCanvas {
  const height = Math.round(width / PHONE_ASPECT);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2D context');
  const u = width / 71; // pixels per millimetre
  ctx.fillStyle = '#151517';
  roundRect(ctx, 0, 0, width, height, 9 * u);
  ctx.fill();
  const [sx, sy, sw, sh] = [2.5 * u, 2.5 * u, width - 5 * u, height - 5 * u];
  const [ground, ink] = screen.inverted ? ['#121212', '#ececec'] : ['#f7f7f7', '#101010'];
  ctx.save();
  roundRect(ctx, sx, sy, sw, sh, 7 * u);
  ctx.clip();
  ctx.fillStyle = ground;
  ctx.fillRect(sx, sy, sw, sh);
  ctx.fillStyle = random.pick(['#b4145a', '#0f5d8c', '#7a1fa2']);
  ctx.fillRect(sx, sy, sw, 22 * u);
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold ${6 * u}px sans-serif`;
  ctx.fillText('Kaikukortti', 8 * u, 17 * u);
  const size = random.range(0.62, 0.8) * width;
  const qr = qrModules(text);
  const quiet = 3;
  const module = size / (qr.width + 2 * quiet);
  const qx = PHONE_QR_CENTRE.x * width - size / 2;
  const qy = PHONE_QR_CENTRE.y * height - size / 2;
  ctx.fillStyle = ink;
  for (let r = 0; r < qr.height; r++)
    for (let c = 0; c < qr.width; c++)
      if (qr.dark[r * qr.width + c] === 1)
        ctx.fillRect(qx + (c + quiet) * module, qy + (r + quiet) * module, module + 0.35, module + 0.35);
  ctx.font = `bold ${4 * u}px monospace`;
  ctx.textAlign = 'center';
  ctx.fillText(text, width / 2, qy + size + 8 * u);
  // The pixel grid: dark gaps between the screen's pixels, which the camera samples into moiré.
  ctx.fillStyle = 'rgba(0, 0, 0, 0.45)';
  for (let x = sx; x < sx + sw; x += screen.pitch) ctx.fillRect(x, sy, screen.pitch / 3, sh);
  for (let y = sy; y < sy + sh; y += screen.pitch) ctx.fillRect(sx, y, sw, screen.pitch / 3);
  // A reflection on the glass: a soft light band at an angle.
  if (screen.reflection > 0) {
    const at = random.range(0.2, 0.8);
    const band = ctx.createLinearGradient(0, at * height - 0.3 * width, width, at * height + 0.3 * width);
    band.addColorStop(0, 'rgba(255, 255, 255, 0)');
    band.addColorStop(0.5, `rgba(255, 255, 255, ${screen.reflection.toFixed(2)})`);
    band.addColorStop(1, 'rgba(255, 255, 255, 0)');
    ctx.fillStyle = band;
    ctx.fillRect(sx, sy, sw, sh);
  }
  ctx.restore();
  return canvas;
}
