#!/usr/bin/env node
// Independent bench data for the camera decoder: stills (PNG) and clips (y4m) under named conditions.
// Usage: node bench/independent/generate.mjs [--seed N] [--out DIR] [--stills N] [--clips N] [--only a,b] [--raw]
// --clips N: clips per clip condition (default 1; conditions with clips: 0 are stills only); --raw: plain .y4m.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rng, toYuv420 } from './lib/raster.mjs';
import { encodePng, y4mHeader, y4mFrame } from './lib/codecs.mjs';
import { build } from './lib/conditions.mjs';
import { renderFrame } from './lib/render.mjs';

const focusHunt = (rnd, dur) => {
  const lock = rnd.range(0.35, 0.75) * dur,
    A = rnd.range(3, 7),
    fr = rnd.range(1.2, 2.2);
  return (t) =>
    t < lock
      ? 0.3 + A * Math.abs(Math.sin(Math.PI * fr * t + 0.6)) * (1 - (0.6 * t) / lock)
      : 0.3 + 0.4 * Math.abs(Math.sin(9 * t));
};

/** Condition name → build options (lib/conditions.mjs) and how many clips to render by default. */
export const CONDITIONS = {
  baseline: {},
  shake: { shake: 7, exposure: 1 / 40 },
  approach: { approach: true, exposure: 1 / 50, dur: 2.5 },
  autofocus: { focus: focusHunt, dur: 2 },
  'rolling-shutter': { wave: 260, readout: 0.03, exposure: 1 / 500, tremor: 1.5 },
  'lowlight-10fps': {
    fps: 10,
    dur: 3,
    light: [0.1, 0.18],
    gain: 6.5,
    exposure: 1 / 12,
    noise: { shot: 0.9, read: 6 },
    tremor: 0.8,
  },
  jpeg: { jpeg: [12, 35], clips: 0 },
  backlight: { window: true, light: [0.2, 0.32], veil: 0.12 },
  overexposed: { light: [1.5, 1.9], clips: 0 },
  bent: { bend: [4, 10] },
  thumb: { thumb: true },
  'portrait-720x1280': { w: 720, h: 1280, dur: 1 },
  'res-480p': { frac: [0.3, 0.45], clips: 0 },
  'res-1080p': { w: 1920, h: 1080, frac: [0.25, 0.4], dur: 1 },
  'code39-angle': { side: 'back', angle: [0, 0.61] },
  upside: { upside: true, clips: 0 },
  'screen-moire': { phone: 'light', frac: [0.35, 0.5] },
  'screen-dark': { phone: 'dark', frac: [0.35, 0.5] },
  glare: { glare: [3, 7] },
  tilt: { tilt: [0.35, 0.8] },
  far: { side: 'front', frac: [0.2, 0.3] },
  worn: { worn: true, clips: 0 },
  mirrored: { mirror: true, clips: 0 },
  distractor: { distractor: true, frac: [0.35, 0.5] },
  'empty-ean': { empty: 'ean', frac: [0.4, 0.6] },
  'empty-qr-url': { empty: 'qr-url', frac: [0.3, 0.5] },
  'empty-code128': { empty: 'code128', frac: [0.3, 0.5] },
  'empty-code39': { empty: 'code39', frac: [0.3, 0.5] },
  'empty-plain': { empty: 'plain', clips: 0 },
};

function args() {
  const a = process.argv.slice(2),
    get = (k, d) => (a.includes(k) ? a[a.indexOf(k) + 1] : d);
  return {
    seed: +get('--seed', 1),
    out: get('--out', 'bench-data'),
    stills: +get('--stills', 10),
    clips: get('--clips', null),
    only: get('--only', null)?.split(','),
    gzip: !a.includes('--raw'),
  };
}

function pickTime(rnd, s, mode) {
  if (!s.expected) return rnd.range(0, s.dur);
  for (let i = 0; i < 40; i++) {
    const t = rnd.range(0, s.dur);
    if (s.visible(t)) return t;
  }
  return mode === 'still' ? null : 0;
}

function main() {
  const { seed, out, stills, clips, only, gzip } = args();
  mkdirSync(join(out, 'stills'), { recursive: true });
  mkdirSync(join(out, 'clips'), { recursive: true });
  const manifest = { seed, generator: 'bench/independent/generate.mjs', stills: [], clips: [] };
  const t0 = Date.now();
  let bytes = 0;
  for (const [name, cond] of Object.entries(CONDITIONS)) {
    if (only && !only.includes(name)) continue;
    const rnd = rng(seed * 7919 + [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    for (let i = 0; i < stills; i++) {
      const s = build(rnd, cond, 'clip');
      const t = pickTime(rnd, s, 'still');
      if (t === null) {
        i--;
        continue;
      }
      const img = renderFrame({ ...s.scene, exposure: cond.exposure || 1 / 60 }, t, rnd);
      const file = `stills/${name}-${String(i).padStart(2, '0')}.png`,
        png = encodePng(img);
      writeFileSync(join(out, file), png);
      bytes += png.length;
      manifest.stills.push({
        file,
        condition: name,
        expected: s.expected,
        symbology: s.symbology,
        width: img.w,
        height: img.h,
      });
    }
    const nClips = cond.clips === 0 ? 0 : clips !== null ? +clips : 1;
    for (let i = 0; i < nClips; i++) {
      const s = build(rnd, cond, 'clip'),
        n = Math.round(s.dur * s.fps);
      const file = `clips/${name}-${String(i).padStart(2, '0')}.y4m${gzip ? '.gz' : ''}`;
      const parts = [y4mHeader(s.scene.w, s.scene.h, s.fps)];
      let from = null,
        to = null;
      for (let k = 0; k < n; k++) {
        const t = k / s.fps;
        if (s.expected && s.visible(t)) {
          from ??= t;
          to = t + 1 / s.fps;
        }
        parts.push(y4mFrame(toYuv420(renderFrame(s.scene, t, rnd))));
      }
      const buf = gzip ? gzipSync(Buffer.concat(parts), { level: 1 }) : Buffer.concat(parts);
      writeFileSync(join(out, file), buf);
      bytes += buf.length;
      manifest.clips.push({
        file,
        condition: name,
        expected: s.expected,
        symbology: s.symbology,
        fps: s.fps,
        width: s.scene.w,
        height: s.scene.h,
        frames: n,
        duration: s.dur,
        cardVisibleFrom: from,
        cardVisibleTo: to,
      });
    }
    process.stderr.write(
      `${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${(bytes / 1e6).toFixed(1)} MB\n`,
    );
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 1));
  process.stderr.write(
    `done: ${manifest.stills.length} stills, ${manifest.clips.length} clips, ${(bytes / 1e6).toFixed(1)} MB, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

main();
