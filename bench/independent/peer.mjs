#!/usr/bin/env node
// The "plain loop" peer baseline: zxing-wasm on every still and every clip frame, no tracking, no voting.
// Usage: node bench/independent/peer.mjs DIR [DIR...] [--only cond1,cond2] [--json out.json] [--verbose]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { decodePng, readY4m } from './lib/codecs.mjs';
import { CARD_ID } from './lib/conditions.mjs';

const require = createRequire(import.meta.url);
const wasmBinary = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
const OPTIONS = { formats: ['QRCode', 'Code39'], tryHarder: true, maxNumberOfSymbols: 4 };

/** Card IDs (by the DOMAIN.md grammar) among the valid symbols zxing-wasm reads in one RGBA frame. */
async function cardIds(image) {
  const res = await readBarcodes(image, OPTIONS);
  return res.filter((r) => r.isValid && CARD_ID.test(r.text)).map((r) => r.text);
}

function lumaToRgba(y, w, h) {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = y[i];
    data[i * 4 + 3] = 255;
  }
  return { data, width: w, height: h };
}

const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

async function main() {
  const a = process.argv.slice(2),
    dirs = a.filter((x, i) => !x.startsWith('--') && !['--only', '--json'].includes(a[i - 1])),
    only = a.includes('--only') ? a[a.indexOf('--only') + 1].split(',') : null;
  const verbose = a.includes('--verbose');
  const jsonOut = a.includes('--json') ? a[a.indexOf('--json') + 1] : null;
  const stills = [],
    clips = [];
  for (const dir of dirs) {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    stills.push(...m.stills.map((x) => ({ ...x, dir })));
    clips.push(...m.clips.map((x) => ({ ...x, dir })));
  }
  const by = {};
  const row = (c) =>
    (by[c] ??= {
      stills: 0,
      stillReads: 0,
      stillMisreads: 0,
      stillFalse: 0,
      clips: 0,
      clipReads: 0,
      ttfr: [],
      misreads: 0,
      falsePositives: 0,
      frames: 0,
      visibleFrames: 0,
      visibleReads: 0,
      ms: 0,
    });
  for (const s of stills) {
    if (only && !only.includes(s.condition)) continue;
    const r = row(s.condition),
      t0 = performance.now();
    const ids = await cardIds(decodePng(readFileSync(join(s.dir, s.file))));
    r.ms += performance.now() - t0;
    r.frames++;
    r.stills++;
    if (verbose) console.log(s.file, s.symbology, s.expected, ids.join(',') || '-');
    if (s.expected && ids.includes(s.expected)) r.stillReads++;
    if (s.expected && ids.some((id) => id !== s.expected)) r.stillMisreads++;
    if (!s.expected && ids.length) r.stillFalse++;
  }
  for (const c of clips) {
    if (only && !only.includes(c.condition)) continue;
    const r = row(c.condition);
    let buf = readFileSync(join(c.dir, c.file));
    if (c.file.endsWith('.gz')) buf = gunzipSync(buf);
    let first = null,
      mis = 0,
      fp = 0;
    for (const f of readY4m(buf)) {
      const t0 = performance.now(),
        ids = await cardIds(lumaToRgba(f.y, f.width, f.height));
      r.ms += performance.now() - t0;
      r.frames++;
      const t = f.index / f.fps;
      if (c.expected && first === null && ids.includes(c.expected)) first = t;
      if (c.expected && t >= c.cardVisibleFrom && t < c.cardVisibleTo) {
        r.visibleFrames++;
        if (ids.includes(c.expected)) r.visibleReads++;
      }
      if (c.expected) mis += ids.filter((id) => id !== c.expected).length;
      else fp += ids.length;
    }
    r.clips++;
    if (first !== null) {
      r.clipReads++;
      r.ttfr.push(first - (c.cardVisibleFrom ?? 0));
    }
    r.misreads += mis;
    r.falsePositives += fp;
  }
  const sum = (rows) => {
    const t = row('\u0000');
    delete by['\u0000'];
    for (const r of rows)
      for (const [k, v] of Object.entries(r)) t[k] = Array.isArray(v) ? t[k].concat(v) : t[k] + v;
    return t;
  };
  const entries = Object.entries(by);
  const card = entries.filter(([c]) => !c.startsWith('empty-')).map(([, r]) => r);
  const empty = entries.filter(([c]) => c.startsWith('empty-')).map(([, r]) => r);
  entries.push(['ALL with card', sum(card)], ['ALL empty', sum(empty)]);
  const out = [];
  console.log(
    'condition            stills      clips  frames(vis)   ttfr p50/p95 s   misreads  falsepos   ms/frame',
  );
  for (const [c, r] of entries) {
    const p50 = pct(r.ttfr, 0.5),
      p95 = pct(r.ttfr, 0.95);
    const fmt = (v) => (v === null ? '  -  ' : v.toFixed(2));
    out.push({ condition: c, ...r, ttfrP50: p50, ttfrP95: p95 });
    console.log(
      `${c.padEnd(20)} ${`${r.stillReads}/${r.stills}`.padStart(6)} ${`${r.clipReads}/${r.clips}`.padStart(10)} ${`${r.visibleReads}/${r.visibleFrames}`.padStart(12)}   ${fmt(p50)}/${fmt(p95)}`.padEnd(
        69,
      ) +
        `${String(r.stillMisreads + r.misreads).padStart(6)} ${String(r.stillFalse + r.falsePositives).padStart(9)} ${(r.ms / Math.max(1, r.frames)).toFixed(1).padStart(10)}`,
    );
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 1));
}

await main();
