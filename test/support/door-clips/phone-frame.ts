// A phone held up with a mobile Kaikukortti (X, Z) on its screen: a dark body, an emissive screen (its own
// brightness, whatever the room's light), the QR code on the app's white card, the pixel grid's faint moiré and a
// reflection across the glass. Drawn into a scene by compose-photo's `decorate` hook (before blur and noise).
import { qrModules } from '../card-photos/symbols.js';

export type PhonePose = {
  /** Centre (fractions of the frame) and height (fraction of the frame height). */
  readonly x: number;
  readonly y: number;
  readonly height: number;
  readonly rollDeg: number;
  /** Horizontal shear from a phone turned away (0 = facing the camera). */
  readonly shear: number;
  /** Screen brightness 0–1 (a dimmed phone) and the room's light (the frame's exposure divides it out). */
  readonly brightness: number;
  readonly exposure: number;
};

export function drawPhone(
  ctx: OffscreenCanvasRenderingContext2D,
  W: number,
  H: number,
  p: PhonePose,
  text: string,
): void {
  const h = p.height * H;
  const w = h * 0.48;
  ctx.save();
  ctx.translate(p.x * W, p.y * H);
  ctx.rotate((p.rollDeg * Math.PI) / 180);
  ctx.transform(1, 0, p.shear, 1, 0, 0);
  ctx.fillStyle = '#151515';
  ctx.beginPath();
  ctx.roundRect(-w / 2, -h / 2, w, h, w * 0.12);
  ctx.fill();
  // The screen emits light: its level does not follow the room's, so it is drawn brighter by the exposure's inverse.
  const level = (v: number): string => {
    const g = Math.min(255, Math.round((v * p.brightness) / p.exposure));
    return `rgb(${g},${g},${g})`;
  };
  const sw = w * 0.9;
  const sh = h * 0.9;
  ctx.fillStyle = level(40);
  ctx.beginPath();
  ctx.roundRect(-sw / 2, -sh / 2, sw, sh, sw * 0.08);
  ctx.fill();
  ctx.fillStyle = level(250);
  ctx.fillRect(-sw * 0.44, -sh * 0.3, sw * 0.88, sh * 0.62);
  const m = qrModules(text);
  const size = sw * 0.62;
  const unit = size / (m.width + 4);
  const ox = -size / 2 + 2 * unit;
  const oy = -sh * 0.22 + 2 * unit;
  ctx.fillStyle = level(18);
  for (let r = 0; r < m.height; r++)
    for (let c = 0; c < m.width; c++)
      if (m.dark[r * m.width + c] === 1) ctx.fillRect(ox + c * unit, oy + r * unit, unit + 0.3, unit + 0.3);
  // The pixel grid: every third column a little darker (moiré once the camera resamples it).
  ctx.fillStyle = 'rgba(0,0,0,0.12)';
  for (let x = -sw / 2; x < sw / 2; x += 3) ctx.fillRect(x, -sh / 2, 1, sh);
  // A reflection of the room across the glass.
  const glass = ctx.createLinearGradient(-sw / 2, -sh / 2, sw / 2, sh / 2);
  glass.addColorStop(0.3, 'rgba(255,255,255,0)');
  glass.addColorStop(0.45, 'rgba(255,255,255,0.18)');
  glass.addColorStop(0.6, 'rgba(255,255,255,0)');
  ctx.fillStyle = glass;
  ctx.fillRect(-sw / 2, -sh / 2, sw, sh);
  ctx.restore();
}
