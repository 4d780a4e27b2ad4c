// Soak benchmark (issue 37.5): one startCameraScan on one door clip (test/support/door-clips/, looping: the card comes
// and goes), at 10 frames a second at most, for `--duration` (default 30m), in headless Chromium with its fake camera.
// Every 1/20 of the run, after a forced garbage collection (DevTools protocol): the JS heaps (and array buffers) of
// the page and of the decoding worker, the resident memory of the whole Chromium (the only figure that holds the
// worker's WebAssembly memory: V8 reserves it apart from both), frames per second and the median decode time.
// Verdict: memory growth under 5 MB (the JS heaps of page + worker, median of the last quarter's samples against
// the first quarter's: a single sample swings by ~4 MB with the frame buffers alive at that collection; the resident
// memory is compared the same way and reported beside it: it swings by tens of MB), and no slowdown (the last
// quarter's median decode time within 20 % of the first quarter's, each divided by the time a fixed reference
// computation took in this process at the same samples: the machine is shared, and its load moves both alike).
// Not part of `npm test`.
// Usage: npm run bench soak [-- --duration 2m] [-- --clip qr-mid-flat-office]
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession } from 'playwright-core';
import { listDoorClips } from '../test/support/door-clips/clips.js';
import { openDoorHarness, openDoorPage } from '../test/support/door-clips/door-harness.js';
import { launchCameraBrowser } from '../test/support/card-video/launch-camera-browser.js';

const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '30m' }, clip: { type: 'string' } },
});
const MB = 2 ** 20;

/** Resident memory of a Chromium and all its processes (the worker's WebAssembly heap included), in MB. */
function chromiumRssMb(marker: string): number {
  const parent = new Map<string, string>();
  let top: string | undefined;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      parent.set(pid, readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]!);
      if (top === undefined && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) top = pid;
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set(top ? [top] : []);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent) if (tree.has(ppid) && !tree.has(pid)) grew = Boolean(tree.add(pid));
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

type HeapUsage = { usedSize: number; backingStorageSize?: number };

/**
 * The decoding worker's heap after a collection, through the browser's DevTools session (Playwright opens CDP
 * sessions on pages only): attached once, then messages sent to it by id.
 */
async function workerHeap(browser: Browser): Promise<() => Promise<HeapUsage | null>> {
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  let sessionId: string | undefined;
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const reply = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply.result);
  });
  const call = <T>(method: string): Promise<T> =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve as (r: unknown) => void);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId: sessionId!,
        message: JSON.stringify({ id, method }),
      });
    });
  return async () => {
    if (sessionId === undefined) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const worker = targetInfos.find((t) => t.type === 'worker');
      if (!worker) return null;
      ({ sessionId } = await cdp.send('Target.attachToTarget', {
        targetId: worker.targetId,
        flatten: false,
      }));
    }
    await call('HeapProfiler.collectGarbage');
    return call<HeapUsage>('Runtime.getHeapUsage');
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

/** Milliseconds a fixed computation takes now: how much CPU the shared machine leaves this run. */
function referenceMs(): number {
  const start = performance.now();
  let x = 1;
  for (let i = 0; i < 3_000_000; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
  if (x < 0) console.log(x);
  return performance.now() - start;
}

const ms =
  Number(/^(\d+)(m|s)?$/.exec(args.duration)?.[1] ?? NaN) * (args.duration.endsWith('s') ? 1000 : 60_000);
if (!Number.isFinite(ms))
  throw new Error(`--duration ${args.duration}: expected minutes (30m) or seconds (90s)`);
const harness = await openDoorHarness();
const clip = listDoorClips().find((c) =>
  args.clip ? c.id === args.clip : c.kind === 'qr' && c.distance === 'mid' && c.light === 'office',
);
if (!clip) throw new Error(`no door clip ${args.clip}`);
const file = await harness.writeClip(clip);
const marker = `--door-soak-${process.pid}`;
const browser = await launchCameraBrowser({ video: file, extraArgs: [marker] });
try {
  const page = await openDoorPage(browser, harness.origin);
  const pageCdp = await page.context().newCDPSession(page);
  const ofWorker = await workerHeap(browser);
  const everyMs = Math.max(10_000, Math.round(ms / 20));
  const memory: { page: number; worker: number; rss: number; ref: number }[] = [];
  // Half a period before each of the page's samples: none falls on the scan's stop at the end.
  let sampler: ReturnType<typeof setInterval> | undefined;
  const halfway = setTimeout(() => ((sampler = setInterval(sample, everyMs)), sample()), everyMs / 2);
  function sample(): void {
    void (async () => {
      await pageCdp.send('HeapProfiler.collectGarbage');
      const own = (await pageCdp.send('Runtime.getHeapUsage')) as HeapUsage;
      const worker = await ofWorker();
      memory.push({
        page: own.usedSize + (own.backingStorageSize ?? 0),
        worker: worker ? worker.usedSize + (worker.backingStorageSize ?? 0) : NaN,
        rss: chromiumRssMb(marker),
        ref: referenceMs(),
      });
    })();
  }
  const samples = await page.evaluate(
    ([m, e]) =>
      (
        globalThis as unknown as {
          door: { soak(ms: number, every: number): Promise<Record<string, number>[]> };
        }
      ).door.soak(m, e),
    [ms, everyMs] as const,
  );
  clearTimeout(halfway);
  clearInterval(sampler);
  const rows = samples.map((s, i) => ({
    at: s.at! / 1000,
    fps: ((s.frames! - (samples[i - 1]?.frames ?? 0)) * 1000) / everyMs,
    decode: s.decodeMs!,
    page: (memory[i]?.page ?? NaN) / MB,
    worker: (memory[i]?.worker ?? NaN) / MB,
    rss: memory[i]?.rss ?? NaN,
    ref: memory[i]?.ref ?? NaN,
    reads: s.reads!,
  }));
  console.log(
    `Soak: ${args.duration} of one scan on "${clip.id}" (looping), 10 frames/s at most; ` +
      `${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    '  at s  frames/s  median decode ms  reference ms  page JS MB  worker JS MB  Chromium RSS MB  reads',
  );
  for (const r of rows)
    console.log(
      `${r.at.toFixed(0).padStart(6)}  ${r.fps.toFixed(1).padStart(8)}  ${r.decode.toFixed(1).padStart(16)}  ` +
        `${r.ref.toFixed(0).padStart(12)}  ${r.page.toFixed(2).padStart(10)}  ${r.worker.toFixed(2).padStart(12)}  ` +
        `${r.rss.toFixed(0).padStart(15)}  ${r.reads}`,
    );
  const quarter = Math.max(1, rows.length >> 2);
  const [early, late] = [rows.slice(0, quarter), rows.slice(-quarter)];
  const change = (of: (r: (typeof rows)[number]) => number): number =>
    median(late.map(of)) - median(early.map(of));
  const growth = change((r) => r.page + r.worker);
  const rssGrowth = change((r) => r.rss);
  const load = median(late.map((r) => r.ref)) / median(early.map((r) => r.ref));
  const slower = median(late.map((r) => r.decode)) / median(early.map((r) => r.decode));
  const fewer = median(late.map((r) => r.fps)) / median(early.map((r) => r.fps));
  const verdict = (ok: boolean): string => (ok ? 'ok' : 'FAILED');
  console.log(
    `JS heap growth, page + worker, median of the last quarter − the first's: ${growth.toFixed(2)} MB (page ` +
      `${change((r) => r.page).toFixed(2)}, worker ${change((r) => r.worker).toFixed(2)}; target < 5 MB): ` +
      `${verdict(growth < 5)}\n` +
      `Chromium RSS (all processes, the worker's WebAssembly memory included), the same way: ` +
      `${rssGrowth.toFixed(0)} MB (reported, not judged: it swings by tens of MB)\n` +
      `median decode, last quarter / first: ${slower.toFixed(2)}; frames/s: ${fewer.toFixed(2)}; the reference ` +
      `computation: ${load.toFixed(2)}; decode against the reference: ${(slower / load).toFixed(2)} ` +
      `(no slowdown: within 20 %): ${verdict(slower / load <= 1.2)}`,
  );
} finally {
  await browser.close();
  await harness.close();
  rmSync(file, { force: true });
}
