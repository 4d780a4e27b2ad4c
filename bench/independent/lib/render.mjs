// Render one camera frame: background, posed objects (perspective, bend, rolling shutter), lighting,
// glare, thumb, then optics and sensor (defocus, motion blur, noise, JPEG).
import { Img, sample, gaussBlur, motionBlur, sensorNoise, clamp, jpegLike } from './raster.mjs';
import { PX_PER_MM } from './objects.mjs';

function rotation(rx, ry, rz) {
  const [a, b, c] = [rx, ry, rz];
  const Rx = [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)];
  const Ry = [Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)];
  const Rz = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1];
  const mul = (A, B) => {
    const o = new Array(9).fill(0);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) o[i * 3 + j] += A[i * 3 + k] * B[k * 3 + j];
    return o;
  };
  const R = mul(Rz, mul(Ry, Rx));
  return { e1: [R[0], R[3], R[6]], e2: [R[1], R[4], R[7]], n: [R[2], R[5], R[8]] };
}
const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

export const frameOfPose = (p) => frameOf(p);

/** Plane frame of a pose {x, y, z (mm, camera coords), rx, ry, rz (rad), bend (mm sag at the ends)}. */
function frameOf(p) {
  return { c: [p.x, p.y, p.z], ...rotation(p.rx || 0, p.ry || 0, p.rz || 0), bend: p.bend || 0 };
}

/** Project object point (u, v) mm (from the centre) to image px. */
export function project(fr, cam, u, v, half = 1) {
  const s = fr.bend * (u / half) ** 2;
  const P = [0, 1, 2].map((k) => fr.c[k] + u * fr.e1[k] + v * fr.e2[k] + s * fr.n[k]);
  return [cam.cx + (cam.f * P[0]) / P[2], cam.cy + (cam.f * P[1]) / P[2]];
}

const blurCache = new WeakMap();
function texAt(obj, sigma) {
  const q = Math.round(sigma * 2) / 2;
  if (q < 0.5) return obj.tex;
  let m = blurCache.get(obj);
  if (!m) blurCache.set(obj, (m = new Map()));
  if (!m.has(q)) m.set(q, gaussBlur(obj.tex.clone(), q));
  return m.get(q);
}

/**
 * Draw object `obj` posed by poseAt(t) into img. Rolling shutter: row y is exposed at t + readout·y/H.
 * Light: reflectance × light(x, y) (+ glare in object mm), emissive screens keep their own brightness.
 */
function drawObject(img, obj, poseAt, t, cam, scene) {
  const { w: W, h: H } = img,
    hw = obj.wmm / 2,
    hh = obj.hmm / 2;
  const readout = scene.readout || 0;
  const rowFrames = readout ? null : frameOf(poseAt(t));
  let minx = W,
    miny = H,
    maxx = -1,
    maxy = -1;
  for (const tt of readout ? [t, t + readout] : [t]) {
    const fr = frameOf(poseAt(tt));
    if (fr.c[2] < 20) return null;
    for (const [u, v] of [
      [-hw, -hh],
      [hw, -hh],
      [-hw, hh],
      [hw, hh],
      [0, -hh],
      [0, hh],
    ]) {
      const [x, y] = project(fr, cam, u, v, hw);
      minx = Math.min(minx, x);
      maxx = Math.max(maxx, x);
      miny = Math.min(miny, y);
      maxy = Math.max(maxy, y);
    }
  }
  const x0 = Math.max(0, Math.floor(minx - 2)),
    x1 = Math.min(W - 1, Math.ceil(maxx + 2));
  const y0 = Math.max(0, Math.floor(miny - 2)),
    y1 = Math.min(H - 1, Math.ceil(maxy + 2));
  if (x0 > x1 || y0 > y1) return null;
  const fr0 = rowFrames || frameOf(poseAt(t));
  const pxPerMm = (cam.f / fr0.c[2]) * Math.abs(dot(fr0.n, [0, 0, 1])) ** 0.5;
  const tex = texAt(obj, Math.max(0, 0.5 * (PX_PER_MM / pxPerMm) - 0.3));
  const out = [0, 0, 0],
    d = img.d,
    LM = scene.L,
    glare = scene.glare,
    scr = obj.screen;
  const glU = glare ? glare.u : 0,
    glV = glare ? glare.v : 0,
    glK = glare ? 1 / (2 * glare.r * glare.r) : 0,
    glP = glare ? glare.peak : 0;
  const shade = obj.shade || 1,
    phoneGlow = obj.kind === 'phone' ? 10 : 0,
    iters = fr0.bend ? 3 : 1;
  for (let y = y0; y <= y1; y++) {
    const fr = rowFrames || frameOf(poseAt(t + (readout * y) / H));
    const [n0, n1, n2] = fr.n,
      [a0, a1, a2] = fr.e1,
      [b0, b1, b2] = fr.e2,
      [c0, c1, c2] = fr.c,
      bend = fr.bend;
    const nP0 = n0 * c0 + n1 * c1 + n2 * c2,
      dy = (y + 0.5 - cam.cy) / cam.f;
    for (let x = x0; x <= x1; x++) {
      const dx = (x + 0.5 - cam.cx) / cam.f,
        nd = n0 * dx + n1 * dy + n2;
      if (Math.abs(nd) < 1e-6) continue;
      let u = 0,
        v = 0,
        off = 0;
      for (let it = 0; it < iters; it++) {
        const tt = (nP0 + off) / nd,
          q0 = tt * dx - c0,
          q1 = tt * dy - c1,
          q2 = tt - c2;
        u = q0 * a0 + q1 * a1 + q2 * a2;
        v = q0 * b0 + q1 * b1 + q2 * b2;
        const uu = u / hw < -1 ? -1 : u / hw > 1 ? 1 : u / hw;
        off = bend * uu * uu;
      }
      if (u < -hw || u > hw || v < -hh || v > hh) continue;
      if (!sample(tex, (u + hw) * PX_PER_MM, (v + hh) * PX_PER_MM, out)) continue;
      const k = (y * W + x) * 3,
        L = LM[y * W + x];
      if (scr && u + hw > scr.x0 && u + hw < scr.x1 && v + hh > scr.y0 && v + hh < scr.y1) {
        // Emissive: own brightness; pixel grid (RGB stripes, pitch 0.063 mm) point-sampled → moiré.
        const ph = ((u + hw) / 0.063) % 1,
          row = ((v + hh) / 0.063) % 1;
        const m = scene.moire ?? 0.35,
          lit = row < 0.8 ? 1 : 0.3,
          gain = scene.screenGain || 0.9;
        for (let c = 0; c < 3; c++) {
          const on = ph >= c / 3 && ph < (c + 1) / 3 ? 3 * lit : 0;
          d[k + c] = out[c] * gain * (1 - m + m * on) + 12 * L;
        }
        continue;
      }
      let g = phoneGlow;
      if (glP) g += glP * Math.exp(-((u - glU) ** 2 + (v - glV) ** 2) * glK);
      const f = L * shade;
      d[k] = out[0] * f + g;
      d[k + 1] = out[1] * f + g;
      d[k + 2] = out[2] * f + g;
    }
  }
  return { fr: fr0, pxPerMm, bbox: [x0, y0, x1, y1] };
}

function drawThumb(img, fr, cam, thumb, hw, light) {
  // A thumb: a rotated skin ellipse centred on object point (u, v), sized in mm, shaded to its edge.
  const [cx, cy] = project(fr, cam, thumb.u, thumb.v, hw);
  const [ax, ay] = project(fr, cam, thumb.u + 1, thumb.v, hw);
  const sc = Math.hypot(ax - cx, ay - cy),
    ang = Math.atan2(ay - cy, ax - cx) + (thumb.angle || 0);
  const rx = thumb.rx * sc,
    ry = thumb.ry * sc,
    ca = Math.cos(ang),
    sa = Math.sin(ang),
    R = Math.max(rx, ry) + 2;
  const skin = [214, 160, 130],
    d = img.d;
  for (let y = Math.max(0, Math.floor(cy - R)); y < Math.min(img.h, cy + R); y++)
    for (let x = Math.max(0, Math.floor(cx - R)); x < Math.min(img.w, cx + R); x++) {
      const dx = x + 0.5 - cx,
        dy = y + 0.5 - cy,
        p = (dx * ca + dy * sa) / rx,
        q = (-dx * sa + dy * ca) / ry;
      const r = Math.hypot(p, q);
      if (r > 1) continue;
      const a = Math.min(1, (1 - r) * Math.min(rx, ry) * 0.7),
        k = (y * img.w + x) * 3;
      const nail = Math.hypot((p - 0.62) * 2.6, q * 1.5) < 1 ? 1.15 : 1,
        f = (0.5 + 0.5 * Math.sqrt(1 - r * r)) * light[y * img.w + x] * nail;
      for (let c = 0; c < 3; c++) d[k + c] += (skin[c] * f - d[k + c]) * a;
    }
}

/**
 * One frame at time t of a scene:
 * {w, h, f, bg: Img (larger than the frame), shake(t) -> [dx, dy] px, objects: [{obj, poseAt, thumb?}],
 *  light(x, y), glare?, readout (s), exposure (s), focus(t) -> sigma px, noise {shot, read}, jpeg?, lens,
 *  veil?: haze added, post?(img) }.
 */
function lightMap(scene, fn) {
  const m = new Float32Array(scene.w * scene.h);
  for (let y = 0; y < scene.h; y++) for (let x = 0; x < scene.w; x++) m[y * scene.w + x] = fn(x, y);
  return m;
}

export function renderFrame(scene, t, rnd) {
  scene.L ??= lightMap(scene, scene.light);
  scene.BL ??= scene.bgLight ? lightMap(scene, scene.bgLight) : scene.L;
  const { w, h } = scene,
    [sx, sy] = scene.shake ? scene.shake(t) : [0, 0];
  const img = new Img(w, h),
    bg = scene.bg,
    mx = (bg.w - w) / 2,
    my = (bg.h - h) / 2;
  const ox = Math.round(mx + sx),
    oy = Math.round(my + sy);
  for (let y = 0; y < h; y++) {
    const by = Math.min(bg.h - 1, Math.max(0, y + oy));
    for (let x = 0; x < w; x++) {
      const bx = Math.min(bg.w - 1, Math.max(0, x + ox)),
        k = (y * w + x) * 3,
        b = (by * bg.w + bx) * 3,
        L = scene.BL[y * w + x];
      img.d[k] = bg.d[b] * L;
      img.d[k + 1] = bg.d[b + 1] * L;
      img.d[k + 2] = bg.d[b + 2] * L;
    }
  }
  const cam = { f: scene.f, cx: w / 2 - sx, cy: h / 2 - sy };
  let blurV = [0, 0];
  for (const o of scene.objects) {
    const r = drawObject(img, o.obj, o.poseAt, t, cam, scene);
    if (!r) continue;
    if (o.thumb) drawThumb(img, r.fr, cam, o.thumb, o.obj.wmm / 2, scene.L);
    if (o.main) {
      // Image velocity of the object's centre over the exposure, plus the camera shake's.
      const e = scene.exposure || 0.01,
        a = project(frameOf(o.poseAt(t - e / 2)), cam, 0, 0),
        b = project(frameOf(o.poseAt(t + e / 2)), cam, 0, 0);
      const s0 = scene.shake ? scene.shake(t - e / 2) : [0, 0],
        s1 = scene.shake ? scene.shake(t + e / 2) : [0, 0];
      blurV = [b[0] - a[0] - (s1[0] - s0[0]), b[1] - a[1] - (s1[1] - s0[1])];
    }
  }
  if (scene.veil) {
    const glow = gaussBlur(img.clone(), scene.w / 25);
    for (let i = 0; i < img.d.length; i++)
      img.d[i] += Math.max(0, glow.d[i] - 180) * scene.veil + scene.veil * 30;
  }
  gaussBlur(img, Math.hypot(scene.lens || 0.55, scene.focus ? scene.focus(t) : 0));
  motionBlur(img, blurV[0], blurV[1]);
  if (scene.gain) for (let i = 0; i < img.d.length; i++) img.d[i] *= scene.gain;
  sensorNoise(img, rnd, scene.noise?.shot ?? 0.12, scene.noise?.read ?? 1.2);
  if (scene.gamma) for (let i = 0; i < img.d.length; i++) img.d[i] = 255 * (img.d[i] / 255) ** scene.gamma;
  if (scene.jpeg) jpegLike(img, scene.jpeg);
  if (scene.mirror) mirror(img);
  return clamp(img);
}

function mirror(img) {
  const { w, h, d } = img;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w >> 1; x++) {
      const a = (y * w + x) * 3,
        b = (y * w + w - 1 - x) * 3;
      for (let c = 0; c < 3; c++) [d[a + c], d[b + c]] = [d[b + c], d[a + c]];
    }
}
