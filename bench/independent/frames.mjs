#!/usr/bin/env node
// Write frames of a y4m clip as grey PNGs for eyeballing: node bench/independent/frames.mjs CLIP OUTDIR [every=10]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, basename } from 'node:path';
import { readY4m, encodePng } from './lib/codecs.mjs';
import { Img } from './lib/raster.mjs';

const [clip, out, every = '10'] = process.argv.slice(2);
let buf = readFileSync(clip);
if (clip.endsWith('.gz')) buf = gunzipSync(buf);
mkdirSync(out, { recursive: true });
for (const f of readY4m(buf)) {
  if (f.index % +every) continue;
  const img = new Img(f.width, f.height);
  for (let i = 0; i < f.y.length; i++) img.d[i * 3] = img.d[i * 3 + 1] = img.d[i * 3 + 2] = f.y[i];
  writeFileSync(
    join(out, `${basename(clip).split('.')[0]}-f${String(f.index).padStart(3, '0')}.png`),
    encodePng(img),
  );
}
