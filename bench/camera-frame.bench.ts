// Camera frame read-back (issue 15): what a 720p camera frame costs to become the RGBA pixels the decoders read —
// the SDK's frame loop (a VideoFrame converted once by copyTo in the decoder), its path before (an ImageBitmap
// drawn over white on a canvas), and the pattern of its peers (html5-qrcode, @zxing/browser: drawImage of the video
// and getImageData, on the page) — side by side, in one headless Chromium fed a generated card video.
// "page" is time on the page's thread (the UI waits for it), "decoder" time in the decoder (a Worker in the SDK).
// Usage: npm run bench camera-frame      env: CAMERA_FRAME_FRAMES=120
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generateCardVideo } from '../test/support/card-video/generate-card-video.js';
import { launchCameraBrowser } from '../test/support/card-video/launch-camera-browser.js';
import type { FrameReadTimes } from '../test/support/card-video/frame-read-page.js';

const frames = Number(process.env.CAMERA_FRAME_FRAMES ?? 120);
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const outDir = join(root, '.cache/camera-frame/www');
await mkdir(outDir, { recursive: true });
await build({
  entryPoints: { page: join(root, 'test/support/card-video/frame-read-page.ts') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  outdir: outDir,
  conditions: ['source', 'browser'],
  logLevel: 'error',
});
const html = '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>';
const server = createServer((req, res) => {
  if (req.url === '/page.js') {
    void readFile(join(outDir, 'page.js')).then((js) =>
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js),
    );
  } else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const address = server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
const video = generateCardVideo({
  symbol: 'qr_code',
  text: 'Z000010669',
  width: 1280,
  height: 720,
  frames: 20,
  seed: 5,
});
const browser = await launchCameraBrowser({ video });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'frameRead' in globalThis);
  const out = await page.evaluate(
    (n) => (globalThis as unknown as { frameRead: { run(n: number): Promise<unknown> } }).frameRead.run(n),
    frames,
  );
  const { size, format, times } = out as { size: string; format: string | null; times: FrameReadTimes };
  const median = (values: number[]): number => {
    const s = [...values].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] ?? Number.NaN;
  };
  const ours = median(times['kaiku: VideoFrame → copyTo']!.total);
  console.log(
    `camera frames ${size} (${format ?? 'opaque format'}), ${frames} per path; ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`${'path'.padEnd(40)}  page ms  decoder ms  total ms  × kaiku`);
  for (const [name, t] of Object.entries(times)) {
    const total = median(t.total);
    console.log(
      `${name.padEnd(40)}  ${median(t.page).toFixed(2).padStart(7)}  ${median(t.decoder).toFixed(2).padStart(10)}  ${total.toFixed(2).padStart(8)}  ${(total / ours).toFixed(2).padStart(7)}`,
    );
  }
  console.log('(medians; a total is the median of per-frame sums)');
} finally {
  await browser.close();
  server.close();
}
