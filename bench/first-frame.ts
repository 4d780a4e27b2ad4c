// Paired start-up bench of the camera (issue 50.2, "no later at p50"): the door page (test/support/door-clips) built
// twice — on packages/core/src and on an old copy of it (`--old DIR`: e.g. main's packages/core/src copied to
// .cache/first-old/src, not committed) — each on its own origin, and the plain zxing-wasm loop, all three in the same
// freshly launched browser per run, the order rotated. Per run a timeline after the stream starts (probes wrapped
// around the page's and the worker's APIs, no code of the SDK changed): getUserMedia called, play() resolved, the
// warm-up sent, the worker's script running, the warm-up received, the wasm instantiated, the warm-up answered, the
// first camera frame sent, received, decoded, answered, the first decoded frame and the first read; medians and the
// median paired ratios. BOOT=1 prints the worker's boot times and its first decode times per run.
// Run: npx tsx bench/first-frame.ts --old .cache/first-old/src --runs 15 [--dir .cache/independent-7] [--hogs 2]
//   [--condition cpu4 | devtools6 | busy2 (a slow device, test/support/door-clips/slow-device.ts)]
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { launchCameraBrowser } from '../test/support/card-video/launch-camera-browser.js';
import { openDoorPage } from '../test/support/door-clips/door-harness.js';
import type { LoopRun } from '../test/support/door-clips/door-page.js';
import { parseSlowDevice, slowSetup } from '../test/support/door-clips/slow-device.js';
// @ts-expect-error -- plain .mjs module without types
import { chromiumPath } from '../test/support/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const coreSrc = join(root, 'packages/core/src');
const args = parseArgs({
  options: {
    old: { type: 'string', default: '.cache/first-old/src' },
    runs: { type: 'string', default: '15' },
    dir: { type: 'string', default: '.cache/independent-7' },
    clips: { type: 'string', default: 'baseline,shake,rolling-shutter,backlight,bent,thumb,tilt,far' },
    hogs: { type: 'string', default: '0' },
    // A slow device around each launch (test/support/door-clips/slow-device.ts): none, devtools4, cpu6, busy2 …
    condition: { type: 'string', default: 'none' },
  },
}).values;
const oldSrc = resolve(args.old);

/** Worker side: the time each message arrives and is answered (absolute ms), riding on the reply. */
const WORKER_PROBE = `
const abs = () => performance.timeOrigin + performance.now();
let got = 0;
const boot = { script: abs() };
const fetch0 = self.fetch;
self.fetch = (...a) => { boot.fetch ??= abs(); return fetch0(...a).then((r) => ((boot.fetched ??= abs()), r)); };
for (const name of ['instantiateStreaming', 'instantiate', 'compileStreaming', 'compile']) {
  const f = WebAssembly[name];
  if (f) WebAssembly[name] = (...a) => { boot[name] ??= abs(); return f.apply(WebAssembly, a).finally(() => (boot[name + 'Done'] ??= abs())); };
}
const add = self.addEventListener.bind(self);
self.addEventListener = (type, fn, o) => add(type, type === 'message' ? (e) => { got = abs(); fn(e); } : fn, o);
const post = self.postMessage.bind(self);
self.postMessage = (m, ...rest) => post({ ...m, probe: { got, done: abs(), boot } }, ...rest);`;

/** Page side: play() resolved, each frame sent to a worker (its size) and each answer with the worker's times. */
const PAGE_PROBE = `<script>
const abs = () => performance.timeOrigin + performance.now();
globalThis.probe = { play: [], sent: [], answered: [], gum: [] };
const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = (c) => (probe.gum.push(abs()), gum(c));
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () { const p = play.call(this); p.then(() => probe.play.push(abs()), () => {}); return p; };
const seen = new WeakSet();
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (m, ...rest) {
  if (!seen.has(this)) { seen.add(this); this.addEventListener('message', (e) => probe.answered.push({ at: abs(), id: e.data.id, ...e.data.probe })); }
  const f = m && m.frame;
  probe.sent.push({ at: abs(), id: m && m.id, width: f ? f.displayWidth ?? f.width : 0, nextFrameAt: m && m.job && m.job.nextFrameAt });
  return post.call(this, m, ...rest);
};
</script>`;

function variant(src: string): Plugin {
  return {
    name: 'variant',
    setup(b) {
      b.onResolve({ filter: /^virtual:/ }, (a) => ({ path: a.path, namespace: 'virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, (a) => ({
        contents:
          a.path === 'virtual:probe'
            ? WORKER_PROBE
            : // A binding used: core's package.json says `sideEffects: false`, which drops a bare import.
              `import 'virtual:probe';\nimport * as w from ${JSON.stringify(join(src, 'input/camera/decode-worker.ts'))};\nglobalThis.w = w;`,
        resolveDir: root,
        loader: 'js',
      }));
      if (src === coreSrc) return;
      b.onResolve({ filter: /^\./ }, async (a) => {
        if (a.pluginData === 'inner') return undefined;
        const r = await b.resolve(a.path, {
          resolveDir: a.resolveDir,
          kind: a.kind,
          importer: a.importer,
          pluginData: 'inner',
        });
        return r.path.startsWith(coreSrc) ? { path: oldSrc + r.path.slice(coreSrc.length) } : r;
      });
    },
  };
}

async function serve(src: string): Promise<string> {
  const result = await build({
    entryPoints: {
      door: join(root, 'test/support/door-clips/door-page.ts'),
      'decode-worker': 'virtual:worker',
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source', 'browser'],
    outdir: '/out',
    write: false,
    logLevel: 'error',
    plugins: [variant(src)],
  });
  const files = new Map(result.outputFiles.map((f) => [`/${basename(f.path)}`, f.text]));
  const html = `<!doctype html><meta charset="utf-8">${PAGE_PROBE}<script type="module" src="/door.js"></script>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const wasm = path.endsWith('zxing_reader_peer.wasm')
      ? join(root, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')
      : path.endsWith('zxing_reader.wasm')
        ? join(src, 'input/decode/zxing_reader.wasm')
        : undefined;
    if (wasm)
      return void readFile(wasm).then((b) =>
        res.writeHead(200, { 'content-type': 'application/wasm' }).end(b),
      );
    const js = files.get(path);
    if (js !== undefined) res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Probe = {
  gum: number[];
  play: number[];
  sent: { at: number; id: number; width: number }[];
  answered: { at: number; id: number; got: number; done: number }[];
};
type Timeline = Record<string, number | null>;

function timeline(run: LoopRun, probe: Probe, origin: number, expected: string): Timeline {
  const rel = (t: number | undefined): number | null => (t === undefined ? null : t - origin - run.origin);
  const answer = (id: number | undefined) => probe.answered.find((a) => a.id === id);
  // The warm-up is the first message to the worker, the first camera frame the second.
  const [warm, first] = probe.sent;
  const a = answer(first?.id);
  const boot = (answer(warm?.id) as { boot?: Record<string, number> } | undefined)?.boot ?? {};
  if (process.env.BOOT)
    process.stderr.write(
      `spare ms ${probe.sent
        .slice(0, 4)
        .map((x) => {
          const s = x as { at: number; nextFrameAt?: number };
          return s.nextFrameAt === undefined ? undefined : (s.nextFrameAt - s.at).toFixed(0);
        })
        .join(' ')}\n`,
    );
  if (process.env.BOOT)
    process.stderr.write(
      `decodes ${probe.answered
        .slice(0, 8)
        .map((x) => Math.round(x.done - x.got))
        .join(' ')}\n`,
    );
  if (process.env.BOOT)
    process.stderr.write(
      `boot ${JSON.stringify(Object.fromEntries(Object.entries(boot).map(([k, v]) => [k, Math.round(v - origin - run.origin)])))}\n`,
    );
  const wasm = boot.instantiateStreaming ?? boot.instantiate ?? boot.compileStreaming;
  const wasmDone = boot.instantiateStreamingDone ?? boot.instantiateDone ?? boot.compileStreamingDone;
  return {
    gumCalled: rel(probe.gum[0]),
    play: rel(probe.play.at(-1)),
    warmSent: rel(warm?.at),
    workerScript: rel(boot.script),
    warmGot: rel(answer(warm?.id)?.got),
    wasmStart: rel(wasm),
    wasmDone: rel(wasmDone),
    warmAnswered: rel(answer(warm?.id)?.at),
    firstSent: rel(first?.at),
    workerGot: rel(a?.got),
    decoded: rel(a?.done),
    answered: rel(a?.at),
    firstDecode: run.decodedAt?.[0] === undefined ? null : run.decodedAt[0] - run.origin,
    read: (run.reads.find((r) => r.text === expected)?.at ?? Number.NaN) - run.origin,
  };
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? s[s.length >> 1]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const manifest = JSON.parse(await readFile(join(args.dir, 'manifest.json'), 'utf8')) as {
  clips: { file: string; condition: string; expected: string | null; duration?: number }[];
};
const clips = manifest.clips.filter((c) => args.clips.split(',').includes(c.condition));
const origins = { new: await serve(coreSrc), old: await serve(oldSrc) };
const loops = ['new', 'old', 'zxing'] as const;
const results: { loop: (typeof loops)[number]; t: Timeline }[] = [];
const slow = slowSetup(
  parseSlowDevice(args.condition),
  chromiumPath as string,
  join(root, '.cache/slow-device'),
);
for (let i = 0; i < Number(args.runs); i++) {
  const clip = clips[i % clips.length]!;
  const order = [...loops.slice(i % 3), ...loops.slice(0, i % 3)];
  const stopBusy = slow.busy();
  const browser = await launchCameraBrowser({
    video: join(resolve(args.dir), clip.file),
    ...(slow.executable ? { executable: slow.executable } : {}),
  });
  try {
    for (const loop of order) {
      const origin = loop === 'old' ? origins.old : origins.new;
      const page = await openDoorPage(browser, origin);
      await slow.throttle(page);
      page.on('pageerror', (e) => process.stderr.write(`[${loop}] ${e.message}\n`));
      const windowMs = 1000 * (clip.duration ?? 1.5);
      const run = await page.evaluate(
        ([l, w, h]) =>
          (
            globalThis as unknown as { door: { run(l: string, w: number, h: number): Promise<LoopRun> } }
          ).door.run(l, w, h),
        [loop === 'zxing' ? 'zxing-wasm' : 'kaiku', windowMs, Number(args.hogs)] as const,
      );
      const [probe, timeOrigin] = await page.evaluate(
        () => [(globalThis as unknown as { probe: Probe }).probe, performance.timeOrigin] as const,
      );
      const t = timeline(run, probe, timeOrigin, clip.expected ?? '');
      results.push({ loop, t });
      process.stderr.write(
        `${i} ${clip.condition} ${loop}: ${Object.entries(t)
          .map(([k, v]) => `${k} ${v?.toFixed(0)}`)
          .join(' ')}\n`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    stopBusy();
  }
}
const keys = Object.keys(results[0]!.t);
console.log(
  `\nmedians (ms after the stream starts), ${args.runs} launches, hogs ${args.hogs}, condition ${args.condition}`,
);
console.log(['loop', ...keys].join('\t'));
for (const loop of loops)
  console.log(
    [
      loop,
      ...keys.map((k) =>
        median(results.filter((r) => r.loop === loop).map((r) => r.t[k] ?? Number.NaN)).toFixed(0),
      ),
    ].join('\t'),
  );
// Paired: the per-launch ratio new/old and new/zxing of the first decode and the read.
for (const k of ['firstDecode', 'read']) {
  const per = (a: string, b: string): number =>
    median(
      Array.from({ length: Number(args.runs) }, (_, i) => {
        const [x, y] = [a, b].map((l) => results.filter((r) => r.loop === l)[i]?.t[k] ?? Number.NaN);
        return x! / y!;
      }),
    );
  console.log(
    `${k}: median paired ratio new/old ${per('new', 'old').toFixed(2)}, new/zxing ${per('new', 'zxing').toFixed(2)}, old/zxing ${per('old', 'zxing').toFixed(2)}`,
  );
}
process.exit(0);
