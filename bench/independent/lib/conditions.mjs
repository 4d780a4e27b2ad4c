// The conditions: each builds a scene (see render.mjs) from a seeded random source, for a still or a clip.
import { cardTexture, phoneTexture, otherTexture, backgroundImage } from './objects.mjs';
import { project } from './render.mjs';

const PAPER_PREFIXES = ['A', 'A', 'A', 'A', 'AM', 'Y', 'YM'];
const MOBILE_PREFIXES = ['X', 'Z', 'AM', 'YM'];

/** A card ID by the grammar of DOMAIN.md: A/X/Y/Z + 9 digits, AM/YM + 8 or 9 digits. */
export function cardId(rnd, prefixes = PAPER_PREFIXES) {
  const p = rnd.pick(prefixes),
    n = p.length === 2 ? rnd.pick([8, 9]) : 9;
  let s = p;
  for (let i = 0; i < n; i++) s += rnd.int(0, 9);
  return s;
}
export const CARD_ID = /^(?:[AXYZ][0-9]{9}|[AY]M[0-9]{8,9})$/;

/** Hand tremor around a base pose: a few sines in position (mm) and angle (rad). */
function tremor(rnd, base, amp = 1, rot = 0.012) {
  const comps = [1.1, 2.7, 5.3].map((f, i) => ({
    f: f * rnd.range(0.8, 1.2),
    ph: [0, 1, 2, 3, 4].map(() => rnd() * 6.3),
    a: amp / (i + 1),
  }));
  return (t) => {
    const p = { ...base };
    for (const c of comps) {
      const s = (k) => Math.sin(2 * Math.PI * c.f * t + c.ph[k]);
      p.x += c.a * s(0);
      p.y += c.a * s(1);
      p.z += c.a * 1.5 * s(2);
      p.rz = (p.rz || 0) + rot * (c.a / amp) * s(3);
      p.rx = (p.rx || 0) + rot * (c.a / amp) * s(4);
    }
    return p;
  };
}

function shakeFn(rnd, ampPx, freq = 4) {
  const comps = [1, 1.7, 2.9].map((m, i) => ({
    f: freq * m * rnd.range(0.85, 1.15),
    px: rnd() * 6.3,
    py: rnd() * 6.3,
    a: ampPx / (i + 1),
  }));
  return (t) =>
    comps.reduce(
      ([x, y], c) => [
        x + c.a * Math.sin(2 * Math.PI * c.f * t + c.px),
        y + c.a * Math.sin(2 * Math.PI * c.f * t + c.py),
      ],
      [0, 0],
    );
}

const ease = (x) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));

/** Card brought in from off-frame, held, and taken away again. */
function bringHold(rnd, hold, w, f, dur) {
  const tin = rnd.range(0.25, 0.6),
    tout = dur - rnd.range(0.35, 0.6),
    ang = rnd() * 2 * Math.PI;
  const far = (p) => ({
    ...p,
    x: p.x + (Math.cos(ang) * (w * 1.1 * p.z)) / f,
    y: p.y + (Math.sin(ang) * (w * 0.9 * p.z)) / f,
    z: p.z * 1.3,
    rz: (p.rz || 0) + 0.4,
  });
  const mix = (a, b, k) =>
    Object.fromEntries(Object.keys(a).map((key) => [key, a[key] + ((b[key] ?? a[key]) - a[key]) * k]));
  return (t) => {
    const p = hold(t);
    if (t < tin) return mix(far(p), p, ease(t / tin));
    if (t > tout) return mix(p, far(p), ease((t - tout) / 0.35));
    return p;
  };
}

function lightField(rnd, level, grad = 0.25) {
  const gx = rnd.range(-grad, grad),
    gy = rnd.range(-grad, grad);
  return (w, h) => (x, y) => {
    const dx = x / w - 0.5,
      dy = y / h - 0.5;
    return level * (1 + gx * dx * 2 + gy * dy * 2) * (1 - 0.35 * (dx * dx + dy * dy));
  };
}

/**
 * Build one sample. opts: {w, h, fps, dur, side: 'front'|'back'|'either', frac (card width / frame width),
 * angle (rad, in-plane), tilt (rad), bend, thumb, glare, light, shake px, exposure, readout, focus, noise,
 * gain, jpeg, phone: 'light'|'dark', empty: kind, distractor, worn, mirror, approach, window, veil}.
 */
export function build(rnd, o, mode) {
  const w = o.w || 640,
    h = o.h || 480,
    f = 0.78 * Math.max(w, h),
    fps = o.fps || 30,
    dur = o.dur || 1.5;
  let obj,
    expected = null,
    symbology;
  const side = o.side === 'either' || !o.side ? rnd.pick(['front', 'back']) : o.side;
  if (o.empty) {
    const k = o.empty === 'plain' ? rnd.pick(['ean', 'code128']) : o.empty;
    obj = otherTexture(k, payloadFor(k, rnd), rnd);
    if (o.empty === 'plain') obj = blankCard(cardTexture(cardId(rnd), 'front', rnd));
    symbology = o.empty;
  } else if (o.phone) {
    symbology = rnd.pick(['qr', 'code39']);
    expected = cardId(rnd, MOBILE_PREFIXES);
    obj = phoneTexture(expected, symbology, rnd, o.phone === 'dark');
  } else {
    expected = cardId(rnd);
    symbology = side === 'front' ? 'qr' : 'code39';
    obj = cardTexture(expected, side, rnd, { worn: o.worn });
  }
  // Card width fraction of the frame → distance; back sides are held a little closer (thin bars).
  const frac =
    (o.frac ? rnd.range(...o.frac) : rnd.range(0.45, 0.7)) * (symbology === 'code39' && !o.frac ? 1.2 : 1);
  const z = (f * obj.wmm) / (frac * Math.min(w, h) * (w > h ? 4 / 3 : 1));
  const code = obj.code || [-obj.wmm / 4, -obj.hmm / 4, obj.wmm / 4, obj.hmm / 4];
  const ccx = (code[0] + code[2]) / 2,
    ccy = (code[1] + code[3]) / 2;
  const rz =
    (o.angle ? rnd.range(...o.angle) * rnd.pick([-1, 1]) : rnd.range(-0.08, 0.08)) + (o.upside ? Math.PI : 0);
  const base = {
    x: (rnd.range(-0.12, 0.12) * w * z) / f - ccx * Math.cos(rz) + ccy * Math.sin(rz),
    y: (rnd.range(-0.1, 0.1) * h * z) / f - ccx * Math.sin(rz) - ccy * Math.cos(rz),
    z,
    rx: o.tilt ? rnd.range(...o.tilt) * rnd.pick([-1, 1]) : rnd.range(-0.12, 0.12),
    ry: o.tilt ? rnd.range(...o.tilt) * rnd.pick([-1, 1]) * 0.7 : rnd.range(-0.12, 0.12),
    rz,
    bend: o.bend ? rnd.range(...o.bend) : rnd.range(0, 0.8),
  };
  let poseAt = tremor(rnd, base, o.tremor ?? 1);
  if (o.wave) {
    const hold = poseAt,
      A = (o.wave * z) / f,
      fr = rnd.range(1.2, 1.8),
      ph = rnd() * 6;
    poseAt = (t) => ({ ...hold(t), x: hold(t).x + A * Math.sin(2 * Math.PI * fr * t + ph) });
  }
  if (o.approach && mode === 'clip') poseAt = bringHold(rnd, poseAt, w, f, dur);
  const objects = [{ obj, poseAt, main: true }];
  if (o.thumb) objects[0].thumb = thumbOver(rnd, obj, code);
  else if (obj.kind === 'card' && rnd() < 0.6) {
    const left = rnd() < 0.5;
    objects[0].thumb = {
      u: (left ? -1 : 1) * (obj.wmm / 2 + rnd.range(14, 20)),
      v: obj.hmm * rnd.range(0.25, 0.45),
      rx: 20,
      ry: 8.5,
      angle: (left ? 0 : Math.PI) + rnd.range(-0.4, 0.4),
    };
  }
  if (o.distractor) {
    const k = rnd.pick(['ean', 'qr-url', 'code128']),
      d = otherTexture(k, payloadFor(k, rnd), rnd);
    const side = base.x > 0 ? -1 : 1,
      dz = z * rnd.range(1.1, 1.5);
    const dpose = {
      x: side * ((0.3 * w * dz) / f),
      y: rnd.range(-0.1, 0.1) * dz,
      z: dz,
      rx: 0.1,
      ry: 0,
      rz: rnd.range(-0.5, 0.5),
      bend: 0,
    };
    objects.unshift({ obj: d, poseAt: () => dpose });
  }
  const light = lightField(rnd, o.light ? rnd.range(...o.light) : rnd.range(0.85, 1.05))(w, h);
  const bg = backgroundImage(w + 80, h + 80, rnd, { window: o.window });
  const scene = {
    w,
    h,
    f,
    bg,
    objects,
    light,
    bgLight: o.window ? (x, y) => light(x, y) * 2.6 : null,
    shake: o.shake ? shakeFn(rnd, o.shake, rnd.range(3, 6)) : shakeFn(rnd, 1.2, 2),
    exposure: o.exposure || (mode === 'clip' ? 1 / (fps * 2) : 1 / 60),
    readout: o.readout ?? 0.012,
    lens: (o.lens || 0.55) * Math.max(1, Math.min(w, h) / 720) ** 0.5,
    focus: o.focus ? o.focus(rnd, dur) : null,
    noise: o.noise || { shot: 0.12, read: 1.2 },
    gain: o.gain,
    jpeg: o.jpeg ? Math.round(rnd.range(...o.jpeg)) : null,
    veil: o.veil,
    moire: o.phone ? rnd.range(0.25, 0.5) : 0,
    glare: o.glare
      ? {
          u: ccx + rnd.range(-0.3, 0.3) * (code[2] - code[0]),
          v: ccy + rnd.range(-0.3, 0.3) * (code[3] - code[1]),
          r: rnd.range(...o.glare),
          peak: rnd.range(180, 320),
        }
      : null,
    mirror: o.mirror,
  };
  // Visible: every corner of the code inside the frame, and the code's face towards the camera.
  const visible = (t) => {
    const p = poseAt(t),
      cam = { f, cx: w / 2, cy: h / 2 };
    const fr = frameOfPose(p);
    return [
      [code[0], code[1]],
      [code[2], code[1]],
      [code[0], code[3]],
      [code[2], code[3]],
    ].every(([u, v]) => {
      const [x, y] = project(fr, cam, u, v, obj.wmm / 2);
      return x >= 0 && y >= 0 && x < w && y < h;
    });
  };
  return { scene, expected, symbology, fps, dur, visible };
}

import { frameOfPose } from './render.mjs';

function blankCard(obj) {
  // A plain library/loyalty-like card with no code: text only.
  const d = obj.tex.d,
    W = obj.tex.w;
  const [u0, v0, u1, v1] = obj.code.map((v, i) => Math.round((v + (i % 2 ? 27 : 42.8)) * 12));
  for (let y = v0 - 40; y < v1 + 40; y++)
    for (let x = u0 - 40; x < u1 + 40; x++) d.set([246, 244, 238], (y * W + x) * 3);
  return { ...obj, code: null };
}

function thumbOver(rnd, obj, code) {
  // A thumb reaching in from the card's edge, its tip on the quiet zone (left or right of the code).
  const left = rnd() < 0.5,
    tip = left ? code[0] - rnd.range(-1, 3) : code[2] + rnd.range(-1, 3);
  return {
    u: left ? tip - 19 : tip + 19,
    v: rnd.range(code[1], code[3]),
    rx: 20,
    ry: 8.5,
    angle: (left ? 0 : Math.PI) + rnd.range(-0.3, 0.3),
  };
}

export function payloadFor(kind, rnd) {
  const digits = (n) => Array.from({ length: n }, () => rnd.int(0, 9)).join('');
  if (kind === 'ean') return '64' + digits(10);
  if (kind === 'qr-url')
    return rnd.pick([
      `https://liput.example.fi/t/${digits(4)}-${digits(6)}`,
      `https://tapahtuma.example.fi/lippu?id=A${digits(9)}`,
      `TICKET:${digits(12)}`,
    ]);
  if (kind === 'code128')
    return rnd.pick([`TKT-${digits(4)}-${digits(5)}`, `${digits(12)}`, `Z${digits(9)}X`]);
  // Code 39 that is not a card ID: wrong prefix, wrong length, a part number.
  return rnd.pick([
    `B${digits(9)}`,
    `A${digits(8)}`,
    `A${digits(10)}`,
    `PN-${digits(5)}`,
    `XA${digits(4)}`,
    `E${digits(4)}`,
    `INV ${digits(6)}`,
  ]);
}
