// Measures the camera pipeline end to end (the figures in docs/camera.md):
//   npx tsx test/support/card-video/measure-camera.ts
// Real Chromium, fake camera fed generated videos, strict-CSP page; 4 s per video, sampled from handle.stats.
import { startCameraTestServer } from './camera-test-server.js';
import { generateCardVideo, type CardVideoOptions } from './generate-card-video.js';
import {
  launchCameraBrowser,
  openCameraPage,
  snapshot,
  startScan,
  stopScan,
} from './launch-camera-browser.js';

type Case = { name: string; video: CardVideoOptions; request?: Record<string, unknown> };

const cases: Case[] = [
  { name: 'QR 640×480 worker', video: { symbol: 'qr_code', text: 'A045198723' } },
  { name: 'Code 39 640×480 worker', video: { symbol: 'code_39', text: 'Y110029399' } },
  {
    name: 'QR 1280×720 worker',
    video: { symbol: 'qr_code', text: 'Z000010669', width: 1280, height: 720, frames: 20, seed: 5 },
  },
  { name: 'empty desk 640×480 worker', video: { symbol: null } },
  {
    name: 'QR 640×480 main thread',
    video: { symbol: 'qr_code', text: 'A045198723' },
    request: { worker: false },
  },
];

const server = await startCameraTestServer();
const rows: Array<Record<string, string | number>> = [];
try {
  for (const c of cases) {
    const browser = await launchCameraBrowser({ video: generateCardVideo(c.video) });
    try {
      const page = await openCameraPage(browser, `${server.origin}/`);
      await page.evaluate(() => {
        const store = window as unknown as { longTasks: number[] };
        store.longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) store.longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await startScan(page, c.request);
      const started = await page.evaluate(() => performance.now());
      const samples: number[] = [];
      for (let i = 0; i < 40; i += 1) {
        await page.waitForTimeout(100);
        const ms = (await snapshot(page)).stats?.lastDecodeMs;
        if (ms !== undefined && ms > 0) samples.push(ms);
      }
      const state = await stopScan(page);
      const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
      samples.sort((a, b) => a - b);
      rows.push({
        video: c.name,
        'first scan ms': state.scans[0] ? Math.round((state.scans[0].at - started) as number) : '—',
        scans: state.scans.length,
        frames: state.stats?.framesDecoded ?? 0,
        'median frame ms': Number((samples[samples.length >> 1] ?? 0).toFixed(1)),
        'p95 frame ms': Number((samples[Math.floor(samples.length * 0.95)] ?? 0).toFixed(1)),
        'long tasks': longTasks.length,
        'longest task ms': Math.round(Math.max(0, ...longTasks)),
      });
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
console.table(rows);
