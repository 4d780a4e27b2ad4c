// Node side of the door clips: bundles door-page.ts (the SDK's decode worker beside it, built as the package publishes
// it), serves it, renders a clip's frames in a headless Chromium into a .y4m file, and plays that file to each camera
// loop through Chromium's fake camera (`--use-file-for-fake-video-capture`), a browser per loop and clip (Chromium
// reads the file at launch).
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error -- plain .mjs module without types; its paths are the repository root's (npm and vitest run there)
import { workerSource } from '../../../rollup.config.mjs';
// @ts-expect-error -- plain .mjs module without types
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { launchCameraBrowser } from '../card-video/launch-camera-browser.js';
import { CLIP, ENTRY_MS, type DoorClip } from './clips.js';
import type { LoopName, LoopRun } from './door-page.js';
import { slowSetup, treeCpuMs, type SlowDevice } from './slow-device.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const clipDir = join(root, '.cache/door-clips');

const ASSETS: Record<string, string> = {
  // Where the published worker looks for it, and the page's own decoder (the fallback after a worker failure).
  '/chunks/zxing_reader.wasm': join(root, 'packages/core/src/input/decode/zxing_reader.wasm'),
  '/zxing_reader.wasm': join(root, 'packages/core/src/input/decode/zxing_reader.wasm'),
  '/zxing_reader_peer.wasm': join(root, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'),
};

/** What one loop made of one clip. */
export type ClipOutcome = {
  readonly loop: LoopName;
  readonly clip: DoorClip;
  readonly read: boolean;
  /** From the card starting to come into view to its first correct read. */
  readonly msToRead: number | null;
  readonly misreads: number;
  /** Reads of the right card after the first, while it stays in view (the clip never takes it away 3 s). */
  readonly duplicates: number;
  readonly frames: number;
};

export type DoorHarness = {
  readonly origin: string;
  /** Writes the clip's .y4m file (grey, 4:2:0) and returns its path. */
  writeClip(clip: DoorClip): Promise<string>;
  /** Plays the clip to each loop in turn (each opens the camera anew: the file starts again). */
  runClip(clip: DoorClip, loops: readonly LoopName[], windowMs: number): Promise<ClipOutcome[]>;
  /**
   * Plays a .y4m file made elsewhere (bench/independent) to each loop in turn; `hogs` busy-loop workers beside it in
   * the page, `slow` a slow device around each loop's browser (slow-device.ts).
   */
  runFile(
    file: string,
    loops: readonly LoopName[],
    windowMs: number,
    hogs?: number,
    slow?: SlowDevice,
  ): Promise<LoopRun[]>;
  close(): Promise<void>;
};

type DoorApi = {
  renderFrame(clip: DoorClip, i: number): string;
  run(loop: LoopName, windowMs: number, hogs?: number): Promise<LoopRun>;
};
export async function openDoorHarness(): Promise<DoorHarness> {
  const result = await build({
    entryPoints: { door: join(root, 'test/support/door-clips/door-page.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source', 'browser'],
    outdir: '/out',
    write: false,
    logLevel: 'error',
  });
  const files = new Map(result.outputFiles.map((f) => [`/${basename(f.path)}`, f.text]));
  // The worker as the package publishes it (`dist/decode-worker.js`), built from the sources.
  files.set('/decode-worker.js', (await workerSource('./chunks/zxing_reader.wasm')) as string);
  const html = '<!doctype html><meta charset="utf-8"><script type="module" src="/door.js"></script>';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const asset = ASSETS[path];
    if (asset) {
      void readFile(asset).then((body) =>
        res.writeHead(200, { 'content-type': 'application/wasm' }).end(body),
      );
      return;
    }
    const js = files.get(path);
    if (js !== undefined) res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const renderer: Browser = await chromium.launch({
    executablePath: chromiumPath as string,
    args: chromiumArgs,
  });
  const renderPage = await openDoorPage(renderer, origin);
  mkdirSync(clipDir, { recursive: true });

  async function writeClip(clip: DoorClip): Promise<string> {
    // Per process: two runs at once (a bench and a soak) must not delete each other's files.
    const file = join(clipDir, `${clip.id}-${process.pid}.y4m`);
    const chroma = Buffer.alloc((CLIP.width >> 1) * (CLIP.height >> 1), 128);
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, `YUV4MPEG2 W${CLIP.width} H${CLIP.height} F${CLIP.fps}:1 Ip A1:1 C420jpeg\n`);
      let desk: string | undefined;
      for (let i = 0; i < CLIP.frames; i++) {
        // The empty desk is the same frame every time: rendered once.
        const empty = clip.kind === 'empty' || i < CLIP.emptyFrames;
        const luma =
          (empty ? desk : undefined) ??
          (await renderPage.evaluate(
            ([c, k]) => (globalThis as unknown as { door: DoorApi }).door.renderFrame(c, k),
            [clip, i] as const,
          ));
        if (empty) desk = luma;
        writeSync(fd, 'FRAME\n');
        writeSync(fd, Buffer.from(luma, 'base64'));
        writeSync(fd, chroma);
        writeSync(fd, chroma);
      }
    } finally {
      closeSync(fd);
    }
    return file;
  }

  async function runFile(
    file: string,
    loops: readonly LoopName[],
    windowMs: number,
    hogs = 0,
    slow: SlowDevice = { name: 'none' },
  ): Promise<LoopRun[]> {
    const out: LoopRun[] = [];
    const setup = slowSetup(slow, chromiumPath as string, join(root, '.cache/slow-device'));
    // Each loop in a browser of its own, launched for it: a page closed in the same browser leaves work behind (its
    // renderer's heap and wasm; the next page of the origin may share that process). Measured with one browser per
    // clip (seed 23, 3 plays): the product's loop read 87 ms later (p50) when it ran after the plain loop than before
    // it; the plain loop 8 ms sooner after the product's.
    const run = ([l, w, h]: readonly [LoopName, number, number]) =>
      (globalThis as unknown as { door: DoorApi }).door.run(l, w, h);
    for (const loop of loops) {
      const stopBusy = setup.busy();
      try {
        const browser = await launchCameraBrowser({
          video: file,
          ...(setup.executable ? { executable: setup.executable } : {}),
        });
        try {
          const page = await openDoorPage(browser, origin);
          await setup.throttle(page);
          const marker = `--use-file-for-fake-video-capture=${file}`;
          const cpu = treeCpuMs(marker);
          const result = await page.evaluate(run, [loop, windowMs, hogs] as const);
          // The browser's CPU (every process and thread) while the loop ran: what the loop costs a device.
          out.push({ ...result, cpuMs: treeCpuMs(marker) - cpu });
        } finally {
          await browser.close();
        }
      } finally {
        stopBusy();
      }
    }
    return out;
  }

  async function runClip(
    clip: DoorClip,
    loops: readonly LoopName[],
    windowMs: number,
  ): Promise<ClipOutcome[]> {
    const file = await writeClip(clip);
    try {
      const runs = await runFile(file, loops, windowMs);
      return runs.map((run, i) => outcome(loops[i]!, clip, run));
    } finally {
      rmSync(file, { force: true });
    }
  }

  return {
    origin,
    writeClip,
    runClip,
    runFile,
    close: async () => {
      await renderer.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

export async function openDoorPage(browser: Browser, origin: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'door' in globalThis);
  return page;
}

function outcome(loop: LoopName, clip: DoorClip, run: LoopRun): ClipOutcome {
  const right = run.reads.filter((r) => r.text === clip.text);
  const first = right[0];
  return {
    loop,
    clip,
    read: first !== undefined,
    msToRead: first === undefined ? null : Math.max(0, first.at - run.origin - ENTRY_MS),
    misreads: run.reads.length - right.length,
    duplicates: Math.max(0, right.length - 1),
    frames: run.frames,
  };
}
