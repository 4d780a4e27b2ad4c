// Pure-JS image operations for the independent bench: RGB float images (0..255, may exceed while
// lighting is applied), antialiased rectangles, blur kernels, noise, JPEG-like DCT quantisation.

export function rng(seed) {
  let a = seed >>> 0 || 1;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.range = (lo, hi) => lo + (hi - lo) * next();
  next.int = (lo, hi) => Math.floor(lo + (hi - lo + 1) * next());
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.gauss = () => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return next;
}

export class Img {
  constructor(w, h, rgb = [0, 0, 0]) {
    this.w = w;
    this.h = h;
    this.d = new Float32Array(w * h * 3);
    if (rgb[0] || rgb[1] || rgb[2]) for (let i = 0; i < w * h; i++) this.d.set(rgb, i * 3);
  }
  clone() {
    const o = new Img(this.w, this.h);
    o.d.set(this.d);
    return o;
  }
  /** Fill an axis-aligned rectangle, with fractional edges blended by coverage. */
  rect(x, y, w, h, rgb, alpha = 1) {
    const x0 = Math.max(0, Math.floor(x)),
      x1 = Math.min(this.w, Math.ceil(x + w));
    const y0 = Math.max(0, Math.floor(y)),
      y1 = Math.min(this.h, Math.ceil(y + h));
    for (let j = y0; j < y1; j++) {
      const cy = Math.min(j + 1, y + h) - Math.max(j, y);
      for (let i = x0; i < x1; i++) {
        const cx = Math.min(i + 1, x + w) - Math.max(i, x);
        const a = cx * cy * alpha,
          k = (j * this.w + i) * 3;
        for (let c = 0; c < 3; c++) this.d[k + c] += (rgb[c] - this.d[k + c]) * a;
      }
    }
  }
  /** Fill an ellipse (soft edge `soft` px) with colour, optionally shaded by fn(dx,dy) -> factor. */
  ellipse(cx, cy, rx, ry, rgb, soft = 1, shade = null, alpha = 1) {
    const x0 = Math.max(0, Math.floor(cx - rx - soft)),
      x1 = Math.min(this.w, Math.ceil(cx + rx + soft));
    const y0 = Math.max(0, Math.floor(cy - ry - soft)),
      y1 = Math.min(this.h, Math.ceil(cy + ry + soft));
    const r = Math.min(rx, ry);
    for (let j = y0; j < y1; j++)
      for (let i = x0; i < x1; i++) {
        const dx = (i + 0.5 - cx) / rx,
          dy = (j + 0.5 - cy) / ry;
        const e = (Math.sqrt(dx * dx + dy * dy) - 1) * r;
        const a = Math.max(0, Math.min(1, 0.5 - e / soft)) * alpha;
        if (a <= 0) continue;
        const f = shade ? shade(dx, dy) : 1,
          k = (j * this.w + i) * 3;
        for (let c = 0; c < 3; c++) this.d[k + c] += (rgb[c] * f - this.d[k + c]) * a;
      }
  }
}

/** Bilinear sample of img at (x, y) in pixel units into out[0..2]; false outside. */
export function sample(img, x, y, out) {
  x -= 0.5;
  y -= 0.5;
  if (x < -0.5 || y < -0.5 || x > img.w - 0.5 || y > img.h - 0.5) return false;
  let x0 = Math.floor(x),
    y0 = Math.floor(y);
  const fx = x - x0,
    fy = y - y0;
  const x1 = Math.min(img.w - 1, x0 + 1),
    y1 = Math.min(img.h - 1, y0 + 1);
  x0 = Math.max(0, x0);
  y0 = Math.max(0, y0);
  const d = img.d,
    a = (y0 * img.w + x0) * 3,
    b = (y0 * img.w + x1) * 3,
    c = (y1 * img.w + x0) * 3,
    e = (y1 * img.w + x1) * 3;
  for (let k = 0; k < 3; k++) {
    const top = d[a + k] + (d[b + k] - d[a + k]) * fx;
    const bot = d[c + k] + (d[e + k] - d[c + k]) * fx;
    out[k] = top + (bot - top) * fy;
  }
  return true;
}

function box1d(src, dst, n, stride, count, step, r) {
  // Running box filter of radius r (integer) along lines of n samples.
  const norm = 1 / (2 * r + 1);
  for (let l = 0; l < count; l++) {
    const base = l * step;
    for (let c = 0; c < 3; c++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += src[base + Math.min(n - 1, Math.max(0, i)) * stride + c];
      for (let i = 0; i < n; i++) {
        dst[base + i * stride + c] = acc * norm;
        const add = Math.min(n - 1, i + r + 1),
          sub = Math.max(0, i - r);
        acc += src[base + add * stride + c] - src[base + sub * stride + c];
      }
    }
  }
}

/** Gaussian blur with standard deviation sigma px (explicit kernel up to 3 px, three box passes above); in place. */
export function gaussBlur(img, sigma) {
  if (sigma < 0.25) return img;
  const tmp = new Float32Array(img.d.length);
  if (sigma > 3) {
    const r = Math.max(1, Math.round((Math.sqrt(4 * sigma * sigma + 1) - 1) / 2));
    for (let p = 0; p < 3; p++) {
      box1d(img.d, tmp, img.w, 3, img.h, img.w * 3, r);
      box1d(tmp, img.d, img.h, img.w * 3, img.w, 3, r);
    }
    return img;
  }
  const r = Math.ceil(3 * sigma),
    k = new Float32Array(2 * r + 1);
  for (let i = -r; i <= r; i++) k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  const sum = k.reduce((a, b) => a + b, 0);
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  const { w, h } = img,
    d = img.d,
    rw = w * 3;
  // Horizontal pass (d → tmp), on a padded row so the inner loop has no bounds checks.
  const pad = new Float32Array((w + 2 * r) * 3);
  for (let y = 0; y < h; y++) {
    const o = y * rw;
    pad.set(d.subarray(o, o + rw), r * 3);
    for (let i = 0; i < r; i++) {
      pad.set(d.subarray(o, o + 3), i * 3);
      pad.set(d.subarray(o + rw - 3, o + rw), (w + r + i) * 3);
    }
    for (let x = 0; x < rw; x++) {
      let a = 0;
      for (let t = 0; t < k.length; t++) a += k[t] * pad[x + t * 3];
      tmp[o + x] = a;
    }
  }
  // Vertical pass (tmp → d), row by row.
  d.fill(0);
  for (let y = 0; y < h; y++) {
    const o = y * rw;
    for (let t = -r; t <= r; t++) {
      const s = Math.min(h - 1, Math.max(0, y + t)) * rw,
        kv = k[t + r];
      for (let x = 0; x < rw; x++) d[o + x] += kv * tmp[s + x];
    }
  }
  return img;
}

/** Linear motion blur along (dx, dy) px (the whole exposure path); in place. */
export function motionBlur(img, dx, dy) {
  const len = Math.hypot(dx, dy);
  if (len < 0.7) return img;
  const k = Math.min(41, Math.ceil(len) + 1);
  const src = img.d.slice(),
    { w, h } = img,
    d = img.d;
  d.fill(0);
  const xs = new Int32Array(w);
  for (let s = 0; s < k; s++) {
    const t = s / (k - 1) - 0.5,
      ox = Math.round(dx * t),
      oy = Math.round(dy * t);
    for (let x = 0; x < w; x++) xs[x] = Math.min(w - 1, Math.max(0, x + ox)) * 3;
    for (let y = 0; y < h; y++) {
      const row = Math.min(h - 1, Math.max(0, y + oy)) * w * 3,
        o = y * w * 3;
      for (let x = 0; x < w; x++) {
        const a = o + x * 3,
          b = row + xs[x];
        d[a] += src[b];
        d[a + 1] += src[b + 1];
        d[a + 2] += src[b + 2];
      }
    }
  }
  const inv = 1 / k;
  for (let i = 0; i < d.length; i++) d[i] *= inv;
  return img;
}

const GTAB = new Float32Array(1 << 16);
{
  const r = rng(12345);
  for (let i = 0; i < GTAB.length; i++) GTAB[i] = r.gauss();
}

/** Sensor noise: shot noise (∝ sqrt(signal)) plus read noise, in 0..255 units; in place, then clamped. */
export function sensorNoise(img, rnd, shot, read, chroma = 0.15) {
  const d = img.d,
    rr = read * read,
    ss = shot * shot;
  let s = (rnd() * 4294967296) >>> 0 || 1;
  const g = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return GTAB[(s >>> 0) & 0xffff];
  };
  for (let i = 0; i < d.length; i += 3) {
    const lum = Math.max(0, 0.3 * d[i] + 0.59 * d[i + 1] + 0.11 * d[i + 2]);
    const sd = Math.sqrt(ss * lum + rr),
      n = g() * sd;
    d[i] = d[i] + n + g() * sd * chroma;
    d[i + 1] = d[i + 1] + n;
    d[i + 2] = d[i + 2] + n + g() * sd * chroma;
  }
  return clamp(img);
}

export function clamp(img) {
  const d = img.d;
  for (let i = 0; i < d.length; i++) d[i] = d[i] < 0 ? 0 : d[i] > 255 ? 255 : d[i];
  return img;
}

const COS = new Float32Array(64);
for (let u = 0; u < 8; u++)
  for (let x = 0; x < 8; x++)
    COS[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
const QL = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const QC = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99,
  99, 99, 99, 99, 99,
].concat(Array(32).fill(99));

function dctPlane(p, w, h, q) {
  const blk = new Float32Array(64),
    tmp = new Float32Array(64);
  for (let by = 0; by + 8 <= h; by += 8)
    for (let bx = 0; bx + 8 <= w; bx += 8) {
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) blk[y * 8 + x] = p[(by + y) * w + bx + x] - 128;
      for (let y = 0; y < 8; y++)
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let x = 0; x < 8; x++) s += COS[u * 8 + x] * blk[y * 8 + x];
          tmp[y * 8 + u] = s;
        }
      for (let v = 0; v < 8; v++)
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let y = 0; y < 8; y++) s += COS[v * 8 + y] * tmp[y * 8 + u];
          blk[v * 8 + u] = Math.round(s / q[v * 8 + u]) * q[v * 8 + u];
        }
      for (let v = 0; v < 8; v++)
        for (let x = 0; x < 8; x++) {
          let s = 0;
          for (let u = 0; u < 8; u++) s += COS[u * 8 + x] * blk[v * 8 + u];
          tmp[v * 8 + x] = s;
        }
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) {
          let s = 0;
          for (let v = 0; v < 8; v++) s += COS[v * 8 + y] * tmp[v * 8 + x];
          p[(by + y) * w + bx + x] = s + 128;
        }
    }
}

/** JPEG-like compression: YCbCr, 4:2:0 chroma, 8×8 DCT quantised at `quality` (1..100); in place. */
export function jpegLike(img, quality) {
  const s = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  const ql = QL.map((v) => Math.max(1, Math.floor((v * s + 50) / 100)));
  const qc = QC.map((v) => Math.max(1, Math.floor((v * s + 50) / 100)));
  const { w, h, d } = img,
    n = w * h,
    cw = w >> 1,
    ch = h >> 1;
  const Y = new Float32Array(n),
    U = new Float32Array(cw * ch),
    V = new Float32Array(cw * ch);
  for (let i = 0; i < n; i++) Y[i] = 0.299 * d[i * 3] + 0.587 * d[i * 3 + 1] + 0.114 * d[i * 3 + 2];
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++) {
      let cb = 0,
        cr = 0;
      for (const [ox, oy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const k = ((2 * y + oy) * w + 2 * x + ox) * 3,
          yy = Y[(2 * y + oy) * w + 2 * x + ox];
        cb += (d[k + 2] - yy) * 0.564;
        cr += (d[k] - yy) * 0.713;
      }
      U[y * cw + x] = cb / 4 + 128;
      V[y * cw + x] = cr / 4 + 128;
    }
  dctPlane(Y, w, h, ql);
  dctPlane(U, cw, ch, qc);
  dctPlane(V, cw, ch, qc);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x,
        c = Math.min(ch - 1, y >> 1) * cw + Math.min(cw - 1, x >> 1);
      const cb = U[c] - 128,
        cr = V[c] - 128;
      d[i * 3] = Y[i] + 1.402 * cr;
      d[i * 3 + 1] = Y[i] - 0.344 * cb - 0.714 * cr;
      d[i * 3 + 2] = Y[i] + 1.772 * cb;
    }
  return clamp(img);
}

/** Full-range BT.601 YUV 4:2:0 (the y4m C420jpeg layout) of a clamped image. */
export function toYuv420(img) {
  const { w, h, d } = img,
    cw = w >> 1,
    ch = h >> 1,
    out = new Uint8Array(w * h + 2 * cw * ch);
  for (let i = 0; i < w * h; i++)
    out[i] = Math.round(0.299 * d[i * 3] + 0.587 * d[i * 3 + 1] + 0.114 * d[i * 3 + 2]);
  const u0 = w * h,
    v0 = u0 + cw * ch;
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++) {
      let r = 0,
        g = 0,
        b = 0;
      for (const k of [
        (2 * y * w + 2 * x) * 3,
        (2 * y * w + 2 * x + 1) * 3,
        ((2 * y + 1) * w + 2 * x) * 3,
        ((2 * y + 1) * w + 2 * x + 1) * 3,
      ]) {
        r += d[k];
        g += d[k + 1];
        b += d[k + 2];
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[u0 + y * cw + x] = Math.max(
        0,
        Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)),
      );
      out[v0 + y * cw + x] = Math.max(
        0,
        Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)),
      );
    }
  return out;
}
