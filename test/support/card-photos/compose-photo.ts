// Places a rendered card in a camera-like frame (scene, pose, perspective) and applies capture conditions.
import { CARD_ASPECT, PHONE_ASPECT, PHONE_QR_CENTRE, renderCard, renderPhone } from './render-card.js';
import type { CardSide, PhoneScreen } from './render-card.js';
import { apply, homography } from './homography.js';
import type { Point } from './homography.js';
import type { Random } from './prng.js';

export type Pose = {
  /** Card width as a fraction of the frame width (at the card's centre). */
  readonly scale: number;
  /** In-plane rotation, degrees. */
  readonly roll: number;
  /** Out-of-plane tilts, degrees (perspective). */
  readonly yaw: number;
  readonly pitch: number;
  /**
   * Moves the card so that its point (u, v) (fractions of the card face) lands at (x, y) (fractions of the frame):
   * a close-up with the symbol in view while the rest of the card is out of the frame.
   */
  readonly aim?: { readonly u: number; readonly v: number; readonly x: number; readonly y: number };
};

export type Effects = {
  readonly blur: number; // Gaussian sigma in pixels at 1280 px width
  readonly noise: number; // sensor noise standard deviation, 0–255 scale
  readonly light: number; // exposure multiplier (1 = normal)
  readonly glare: number; // 0 = none, 1 = blown out spot
  readonly negative: boolean;
  /** The subject is a phone showing the mobile card's QR code (`side` 'qr_code'), its screen lit on its own. */
  readonly screen?: PhoneScreen;
};

/** Renders one photo of a card: deterministic from `random`'s state. */
export function composePhoto(
  side: CardSide,
  text: string,
  size: { width: number; height: number },
  pose: Pose,
  effects: Effects,
  random: Random,
  /** Draws more into the scene after the card (another barcode in view), before blur and sensor effects. */
  decorate?: (ctx: OffscreenCanvasRenderingContext2D, width: number, height: number) => void,
): ImageData {
  const { width: W, height: H } = size;
  const scene = new OffscreenCanvas(W, H);
  const ctx = scene.getContext('2d', { willReadFrequently: true });
  if (ctx === null) throw new Error('no 2D context');
  drawBackground(ctx, W, H, random);
  const { screen } = effects;
  const quad = cardQuad(W, H, pose, random, screen ? PHONE_ASPECT : CARD_ASPECT);
  const cardWidth = Math.ceil(Math.max(dist(quad[0]!, quad[1]!), dist(quad[3]!, quad[2]!)) * 2);
  const width = Math.max(200, cardWidth);
  const card = screen ? renderPhone(text, width, screen, random) : renderCard(side, text, width, random);
  const frame = ctx.getImageData(0, 0, W, H);
  // Scale 0: the scene without a card (what a live camera sees most of the time while the clerk aims).
  const lit = pose.scale > 0 ? warpInto(frame, card, quad) : null;
  ctx.putImageData(frame, 0, 0);
  decorate?.(ctx, W, H);
  const sigma = (effects.blur * W) / 1280;
  const out = sigma > 0.05 ? blurred(scene, sigma) : ctx.getImageData(0, 0, W, H);
  const symbol = screen ? PHONE_QR_CENTRE : side === 'qr_code' ? { x: 0.78, y: 0.68 } : { x: 0.5, y: 0.58 };
  finish(out, effects, glareSpot(symbol, quad, random), random, screen ? lit : null);
  return out;
}

function cardQuad(W: number, H: number, pose: Pose, random: Random, aspect: number): Point[] {
  const f = W; // ~53° horizontal field of view
  const cw = pose.scale * W;
  const ch = cw / aspect;
  const cx = W / 2 + random.range(-0.12, 0.12) * W * (1 - pose.scale);
  const cy = H / 2 + random.range(-0.12, 0.12) * H * (1 - pose.scale);
  const [r, yw, p] = [pose.roll, pose.yaw, pose.pitch].map((d) => (d * Math.PI) / 180) as [
    number,
    number,
    number,
  ];
  const corners = [
    [-cw / 2, -ch / 2],
    [cw / 2, -ch / 2],
    [cw / 2, ch / 2],
    [-cw / 2, ch / 2],
  ] as const;
  const quad = corners.map(([x0, y0]) => {
    const x1 = x0 * Math.cos(r) - y0 * Math.sin(r);
    const y1 = x0 * Math.sin(r) + y0 * Math.cos(r);
    const x2 = x1 * Math.cos(yw);
    const z2 = x1 * Math.sin(yw);
    const y3 = y1 * Math.cos(p);
    const z3 = z2 + y1 * Math.sin(p);
    return { x: cx + (f * x2) / (f + z3), y: cy + (f * y3) / (f + z3) };
  });
  if (pose.aim === undefined) return quad;
  const unit = [
    { x: 0, y: 0 },
    { x: 1, y: 0 },
    { x: 1, y: 1 },
    { x: 0, y: 1 },
  ];
  const at = apply(homography(unit, quad), pose.aim.u, pose.aim.v);
  const dx = pose.aim.x * W - at.x;
  const dy = pose.aim.y * H - at.y;
  return quad.map((p) => ({ x: p.x + dx, y: p.y + dy }));
}

type Nine = readonly [number, number, number, number, number, number, number, number, number];

/** Inverse-maps every frame pixel inside the quad to the card and samples it bilinearly; the pixels it covered. */
function warpInto(frame: ImageData, card: OffscreenCanvas, quad: Point[]): Uint8Array {
  const cctx = card.getContext('2d');
  if (cctx === null) throw new Error('no 2D context');
  const { width: cw, height: ch } = card;
  const src = cctx.getImageData(0, 0, cw, ch).data;
  const rect = [
    { x: 0, y: 0 },
    { x: cw, y: 0 },
    { x: cw, y: ch },
    { x: 0, y: ch },
  ];
  const h = homography(quad, rect);
  const xs = quad.map((q) => q.x);
  const ys = quad.map((q) => q.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(frame.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(frame.height - 1, Math.ceil(Math.max(...ys)));
  const out = frame.data;
  const covered = new Uint8Array(frame.width * frame.height);
  // `apply(h, x + 0.5, y + 0.5)` inlined, in its order of operations: the same numbers without an object a pixel.
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h as Nine;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    const h1y = h1 * py;
    const h4y = h4 * py;
    const h7y = h7 * py;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const w = h6 * px + h7y + h8;
      const u = (h0 * px + h1y + h2) / w;
      const v = (h3 * px + h4y + h5) / w;
      if (u < 0 || v < 0 || u >= cw - 1 || v >= ch - 1) continue;
      const iu = u | 0;
      const iv = v | 0;
      const fu = u - iu;
      const fv = v - iv;
      const i00 = (iv * cw + iu) * 4;
      const alpha = src[i00 + 3]! / 255;
      if (alpha === 0) continue;
      const i10 = i00 + 4;
      const i01 = i00 + cw * 4;
      const i11 = i01 + 4;
      const p = y * frame.width + x;
      covered[p] = 1;
      const o = p * 4;
      const gu = 1 - fu;
      const gv = 1 - fv;
      const keep = 1 - alpha;
      for (let c = 0; c < 3; c++) {
        const top = src[i00 + c]! * gu + src[i10 + c]! * fu;
        const bottom = src[i01 + c]! * gu + src[i11 + c]! * fu;
        out[o + c] = (top * gv + bottom * fv) * alpha + out[o + c]! * keep;
      }
    }
  }
  return covered;
}

function drawBackground(ctx: OffscreenCanvasRenderingContext2D, W: number, H: number, random: Random): void {
  const g = ctx.createLinearGradient(0, 0, W, H);
  const hue = random.int(0, 360);
  g.addColorStop(0, `hsl(${hue} ${random.int(5, 30)}% ${random.int(25, 70)}%)`);
  g.addColorStop(1, `hsl(${(hue + 40) % 360} ${random.int(5, 30)}% ${random.int(20, 65)}%)`);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, W, H);
  // Clutter: paper sheets with text (receipts, posters) around the card.
  for (let i = random.int(2, 5); i > 0; i--) {
    ctx.save();
    ctx.translate(random.range(0, W), random.range(0, H));
    ctx.rotate(random.range(-0.6, 0.6));
    const w = random.range(0.15, 0.4) * W;
    ctx.fillStyle = `hsl(0 0% ${random.int(80, 98)}%)`;
    ctx.fillRect(-w / 2, -w / 2, w, w * 1.3);
    ctx.fillStyle = '#333';
    ctx.font = `${Math.round(W / 80)}px serif`;
    for (let line = 0; line < 12; line++)
      ctx.fillText('Lippu · Biljett 0,00 € Kaikukortti', -w / 2 + 8, -w / 2 + 20 + line * (W / 60));
    ctx.restore();
  }
}

function blurred(scene: OffscreenCanvas, sigma: number): ImageData {
  const out = new OffscreenCanvas(scene.width, scene.height);
  const octx = out.getContext('2d', { willReadFrequently: true });
  if (octx === null) throw new Error('no 2D context');
  octx.filter = `blur(${sigma.toFixed(2)}px)`;
  octx.drawImage(scene, 0, 0);
  return octx.getImageData(0, 0, out.width, out.height);
}

/** A reflection near the symbol (centred at `symbol`, fractions of the card), partly overlapping it. */
function glareSpot(symbol: Point, quad: Point[], random: Random): { x: number; y: number; radius: number } {
  const toFrame = homography(
    [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ],
    quad,
  );
  const centre = apply(toFrame, symbol.x + random.range(-0.22, 0.22), symbol.y + random.range(-0.2, 0.2));
  return { ...centre, radius: dist(quad[0]!, quad[2]!) * random.range(0.08, 0.16) };
}

/** Exposure (`screen.light` on the pixels of an emissive screen), glare, sensor noise, negative: per pixel, seeded. */
function finish(
  image: ImageData,
  effects: Effects,
  spot: { x: number; y: number; radius: number },
  random: Random,
  lit: Uint8Array | null,
): void {
  const d = image.data;
  const { width: W, height: H } = image;
  const { x: gx, y: gy, radius } = spot;
  const { glare: strength, noise, negative } = effects;
  const rr = radius * radius;
  // Only a pixel the screen covers takes the screen's exposure (`lit` is null without a screen).
  const screenLight = effects.screen?.light ?? effects.light;
  // One row of sensor noise at a time, drawn in pixel order as before (one gauss() a pixel).
  const noises = new Float64Array(noise > 0 ? W : 0);
  for (let y = 0, i = 0; y < H; y++) {
    if (noise > 0) random.gaussFill(noises);
    const dy2 = (y - gy) ** 2;
    for (let x = 0; x < W; x++, i += 4) {
      const glare = strength > 0 ? strength * Math.exp(-(((x - gx) ** 2 + dy2) / rr)) * 255 : 0;
      const n = noise > 0 ? noises[x]! * noise : 0;
      const light = lit !== null && lit[i >> 2] === 1 ? screenLight : effects.light;
      for (let c = 0; c < 3; c++) {
        const v = d[i + c]! * light + glare + n;
        d[i + c] = negative ? 255 - v : v;
      }
    }
  }
}

function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
