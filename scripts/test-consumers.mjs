// `npm run test:consumers`: what a vendor's developer gets. Packs the packages (`npm pack`), installs the tarballs —
// nothing from the workspace — with their dependencies from the registry into fresh apps in a temporary folder,
// builds each for production (Vite, Vite + React, Vue with vue-tsc, webpack 5, esbuild, rollup, a plain page with the
// single-file bundle, a page without a bundler that maps the packages in node_modules with an import map, Next.js,
// a Node service with the core only, and docs/venue-owner.md's page with the bundle folder, followed step by step)
// and drives each against ONE real sandbox (memory, seeded, one bearer token; reset before each reading). Every app configures the element itself, as docs/quick-start.md says: the API URL,
// venue, shows and token come in at build time through the bundler's own `define` / env (Vite's `VITE_…`,
// webpack's `EnvironmentPlugin`), for the plain and import-map pages from a `kaiku-config.js` written beside them,
// and for Next.js from the server's environment. In the machine's Chromium: the element renders (first-load JS
// measured), the decoder reads a generated card image with `zxing_reader.wasm` fetched (HTTP 200), a blank frame is
// `null`; then the element's camera opens on Chromium's fake capture device, fed a generated card video, reads the
// card in a decoding worker — the file the bundler emitted (or the import map's / bundle folder's), HTTP 200, with
// the wasm 200; or the core's inlined copy where the bundler emits none (esbuild, rollup: no failed request) — and
// the card is registered: the app's own `kaiku-usage-registered` listener runs once, the sandbox holds the usage, no
// `kaiku-error` (a decoder fallback is one) and no console error. esbuild's default `iife` output (`esbuild-iife`)
// registers a typed card and must refuse the camera by name. Next.js is server-rendered by `next start`, hydrated
// under StrictMode, and registers the same way. The React app passes `tsc --noEmit` with `skipLibCheck: false` (with
// examples/react/App.tsx); the Vue app passes vue-tsc with strictTemplates, misuses of the element's attributes and
// events included as expected errors. The Node app compiles against the core without the DOM library, registers a
// usage through the headless client and sees the sandbox refuse a second one. `tools` installs the sandbox and the
// CLI from their tarballs, starts `kaiku-sandbox` (health 200) and runs each CLI's `--help`.
// `node scripts/test-consumers.mjs vue nextjs` runs only the consumers named; `--keep` keeps the folder.
//
// Prints per consumer: install time, installed packages, install scripts, production JavaScript size and first load;
// each published package's install size (its own folder, and with what it pulls in); per driven app the read and
// scan → registered times and the camera's files; and closes with "N passed, N failed". Needs `npm run build` first
// (npm test builds before it runs this).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import bwipjs from 'bwip-js';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const templates = join(root, 'test/consumers');
const keep = process.argv.includes('--keep');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
/** The card the fake camera shows (2 minors), and the one typed in where the camera is not used (no minors). */
const CARD = 'A045198723';
const TYPED_CARD = 'A999005458';
/** The one sandbox of the run (memory, seeded, this bearer token, its `/__sandbox/` routes), started before builds. */
const TOKEN = 'consumer-token';
let sandbox;
/** The seeded show the apps register for, and the seed's venue (packages/sandbox seed). */
let SHOWS = [];
let SEED_VENUE_ID = '';
/** Per driven app: the card read's time, scan → registered, and where the camera's worker and wasm came from. */
const timings = [];
/**
 * What every app is configured with when it is built (each bundler's `define` / env; Vite's `VITE_` copies) or,
 * for the plain and import-map pages, by the `kaiku-config.js` written beside them; Next.js reads it on the server.
 */
const kaikuEnv = () => {
  const env = {
    KAIKU_API: sandbox.url,
    KAIKU_TOKEN: TOKEN,
    KAIKU_VENUE: SEED_VENUE_ID,
    KAIKU_SHOWS: JSON.stringify(SHOWS),
  };
  return { ...env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [`VITE_${k}`, v])) };
};
/** The bundlers that emit no file for `new URL(…, import.meta.url)`: the core's inlined worker and wasm are used. */
const INLINED = new Set(['esbuild', 'rollup']);

/** Tool versions, pinned: each runs on Node 20.19. */
const TOOLS = {
  vite: { vite: '8.3.8' },
  'vite-react': {
    vite: '8.3.8',
    '@vitejs/plugin-react': '6.3.0',
    react: '19.3.1',
    'react-dom': '19.3.1',
    '@types/react': '19.3.0',
    '@types/react-dom': '19.3.0',
    typescript: '5.9.3',
  },
  vue: {
    vite: '8.3.8',
    '@vitejs/plugin-vue': '6.0.11',
    vue: '3.5.45',
    'vue-tsc': '3.3.14',
    typescript: '5.9.3',
  },
  webpack: { webpack: '5.112.2', 'webpack-cli': '7.3.1', 'esbuild-loader': '4.5.0' },
  esbuild: { esbuild: '0.28.2' },
  // esbuild's default output format (iife): the camera refuses by name (camera-module-url-missing).
  'esbuild-iife': { esbuild: '0.28.2' },
  rollup: {
    rollup: '4.68.7',
    '@rollup/plugin-node-resolve': '16.0.3',
    'rollup-plugin-esbuild': '6.2.1',
    esbuild: '0.28.2',
  },
  plain: {},
  importmap: {},
  // docs/venue-owner.md followed: its page as printed, the bundle folder beside it, `python3 -m http.server`.
  guide: {},
  // A Node service with the headless core only: `tsc` with `lib: ["ES2022"]` (no DOM), then run.
  node: { typescript: '5.9.3', '@types/node': '20.19.43' },
  nextjs: {
    next: '16.4.6',
    react: '19.3.1',
    'react-dom': '19.3.1',
    '@types/react': '19.3.0',
    '@types/react-dom': '19.3.0',
    '@types/node': '20.19.43',
    typescript: '5.9.3',
  },
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: [],
  },
  include: ['src'],
};

const results = [];
const report = [];
const installs = [];
let tarballs = {};
const check = (consumer, name, ok, detail = '') => {
  results.push({ consumer, name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${consumer}: ${name}${detail ? ` — ${detail}` : ''}`);
};

/** The packages a browser app installs; the Node tools (sandbox, CLI) are installed apart (`driveTools`). */
const BROWSER = ['@kaiku-scanner/core', 'kaiku-scanner'];

/** `npm pack` of every published package; returns their tarball paths by package name. */
function pack() {
  const dest = join(work, 'tarballs');
  mkdirSync(dest);
  const workspaces = ['core', 'element', 'sandbox', 'cli'].flatMap((w) => ['-w', `packages/${w}`]);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest, ...workspaces], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const packed = JSON.parse(out);
  return Object.fromEntries(packed.map((p) => [p.name, join(dest, p.filename)]));
}

/**
 * Installs `packages` (the tarballs, and the tools) into a fresh folder from the registry, as `npm install` does
 * for a vendor; records the time, the packages installed and those with install scripts.
 */
function installInto(dir, label, devDependencies, packages = BROWSER, timeout = 900_000, env = process.env) {
  mkdirSync(dir, { recursive: true });
  const dependencies = Object.fromEntries(packages.map((n) => [n, `file:${tarballs[n]}`]));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      { name: `consumer-${label}`, private: true, type: 'module', dependencies, devDependencies },
      null,
      2,
    ),
  );
  const t0 = Date.now();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    encoding: 'utf8',
    timeout,
    env,
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  check(label, `npm install (${seconds} s)`, r.status === 0, r.status === 0 ? '' : r.stderr.slice(-2000));
  const lock = existsSync(join(dir, 'package-lock.json'))
    ? JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'))
    : { packages: {} };
  const entries = Object.entries(lock.packages).filter(([path]) => path !== '');
  const sdk = entries.filter(([, p]) => !p.dev);
  installs.push({
    label,
    seconds,
    packages: entries.length,
    sdkPackages: sdk.length,
    scripts: sdk.filter(([, p]) => p.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, '')),
    // Disk footprint of the SDK's packages (`du`, KB), heaviest first: what a vendor's install carries for us.
    // (top-level folders only: a nested node_modules is inside its parent's figure)
    footprint: sdk
      .filter(([path]) => path.lastIndexOf('node_modules/') === 0)
      .map(([path]) => [path.replace(/^.*node_modules\//, ''), duKb(join(dir, path))])
      .sort((a, b) => b[1] - a[1]),
    // Each of our packages: its own folder, and with everything it pulls in (the closure of its dependencies).
    sizes: packages.map((name) => {
      const paths = closure(lock, name);
      const top = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(`${q}/`)));
      const sum = top.reduce((kb, p) => kb + duKb(join(dir, p)), 0);
      return [
        name,
        existsSync(join(dir, 'node_modules', name)) ? duKb(join(dir, 'node_modules', name)) : 0,
        sum,
        paths.length,
      ];
    }),
  });
}

/** The lockfile paths of `name` and of everything it needs (dependencies, optional and peer ones as installed). */
function closure(lock, name) {
  const seen = new Set();
  const visit = (from, dep) => {
    // Node's resolution: the nearest node_modules up from the package that asks.
    for (let base = from; ; base = base.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const path = `${base ? `${base}/` : ''}node_modules/${dep}`;
      const found = lock.packages[path];
      if (found && !seen.has(path)) {
        seen.add(path);
        const { dependencies, optionalDependencies, peerDependencies = {}, peerDependenciesMeta } = found;
        // An optional peer (the core's exceljs) is not what the package pulls in, even where another installed it.
        const peers = Object.keys(peerDependencies).filter((d) => !peerDependenciesMeta?.[d]?.optional);
        for (const d of [...Object.keys({ ...dependencies, ...optionalDependencies }), ...peers])
          visit(path, d);
      }
      if (found || !base) return;
    }
  };
  visit('', name);
  return [...seen];
}

const duKb = (path) => Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]);
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

/** One app folder per consumer under `apps/`, sharing the tools installed there. */
function setUpApp(name) {
  const dir = join(work, 'apps', name);
  if (name === 'guide')
    mkdirSync(dir, { recursive: true }); // its page is the guide's own
  else cpSync(join(templates, name), dir, { recursive: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  // The framework examples are type-checked with the app (tsc, vue-tsc), not built into it.
  if (name === 'vite-react') {
    cpSync(join(dir, 'main.tsx'), join(dir, 'src/main.tsx'));
    cpSync(join(root, 'examples/react/App.tsx'), join(dir, 'src/App.tsx'));
  } else if (name === 'vue') {
    for (const file of ['main.ts', 'App.vue', 'TypeErrors.vue'])
      cpSync(join(dir, file), join(dir, 'src', file));
    cpSync(join(root, 'examples/vue/BoxOffice.vue'), join(dir, 'src/BoxOffice.vue'));
  } else if (!['plain', 'importmap', 'nextjs', 'node', 'guide'].includes(name))
    cpSync(join(templates, 'shared/main.ts'), join(dir, 'src/main.ts'));
  if (!existsSync(join(dir, 'tsconfig.json')))
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  report.push({ name });
}

/** Production build; returns the folder to serve, or undefined when the build failed. */
function build(name) {
  const dir = join(work, 'apps', name);
  const bin = (tool) => join(work, 'apps/node_modules/.bin', tool);
  const run = (cmd, args) =>
    spawnSync(cmd, args, {
      cwd: dir,
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...kaikuEnv() },
    });
  const steps = {
    vite: () => [run(bin('vite'), ['build'])],
    'vite-react': () => [run(bin('tsc'), ['-p', '.']), run(bin('vite'), ['build'])],
    // vue-tsc with strictTemplates: the element's attributes, properties and events typed by `kaiku-scanner/vue`.
    vue: () => [run(bin('vue-tsc'), ['-p', '.']), run(bin('vite'), ['build'])],
    webpack: () => [run(bin('webpack'), ['--config', 'webpack.config.mjs'])],
    esbuild: () => [run('node', ['build.mjs'])],
    'esbuild-iife': () => [run('node', ['build.mjs'])],
    rollup: () => [run(bin('rollup'), ['-c', 'rollup.config.mjs'])],
    // `next build` type-checks (strict, `skipLibCheck: false`) and renders; `next start` serves it (driveNext).
    nextjs: () => [run(bin('next'), ['build'])],
    // Only compiled here: it runs against the sandbox, which lives in this process (`runNode`).
    node: () => [run(bin('tsc'), ['-p', '.'])],
    plain: () => {
      mkdirSync(join(dir, 'dist'), { recursive: true });
      cpSync(join(work, 'apps/node_modules/kaiku-scanner/dist/bundle'), join(dir, 'dist'), {
        recursive: true,
      });
      return [];
    },
    // Step 1 of the guide: a folder with the guide's page, verbatim, and the package's bundle folder beside it.
    guide: () => {
      const guide = readFileSync(join(root, 'docs/venue-owner.md'), 'utf8');
      mkdirSync(join(dir, 'dist'), { recursive: true });
      const page = /```html\r?\n([\s\S]*?)```/.exec(guide)?.[1];
      if (page) writeFileSync(join(dir, 'dist/index.html'), page); // none: driveGuide fails, naming the block
      cpSync(join(work, 'apps/node_modules/kaiku-scanner/dist/bundle'), join(dir, 'dist/bundle'), {
        recursive: true,
      });
      return [];
    },
    // No build at all: the page and the packages as npm installed them, served as they are.
    importmap: () => {
      mkdirSync(join(dir, 'dist'), { recursive: true });
      symlinkSync(join(work, 'apps/node_modules'), join(dir, 'dist/node_modules'), 'dir');
      // The camera's files copied elsewhere, for the page's `?copied` run (worker-url, wasm-url).
      const core = join(work, 'apps/node_modules/@kaiku-scanner/core/dist');
      mkdirSync(join(dir, 'dist/kaiku'));
      cpSync(join(core, 'decode-worker.js'), join(dir, 'dist/kaiku/decode-worker.js'));
      cpSync(join(core, 'chunks/zxing_reader.wasm'), join(dir, 'dist/kaiku/zxing_reader.wasm'));
      return [];
    },
  }[name];
  const runs = steps();
  const failedRun = runs.find((r) => r.status !== 0);
  check(
    name,
    'production build',
    !failedRun,
    failedRun ? (failedRun.stdout + failedRun.stderr).slice(-3000) : '',
  );
  if (failedRun) return undefined;
  if (name === 'node') return undefined;
  if (name === 'plain' || name === 'importmap') {
    const { KAIKU_API, KAIKU_TOKEN, KAIKU_VENUE, KAIKU_SHOWS } = kaikuEnv();
    const config = {
      api: KAIKU_API,
      token: KAIKU_TOKEN,
      venueId: KAIKU_VENUE,
      shows: JSON.parse(KAIKU_SHOWS),
    };
    const lines = Object.entries(config).map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};`);
    writeFileSync(join(dir, 'dist/kaiku-config.js'), `${lines.join('\n')}\n`);
    if (name === 'plain') cpSync(join(dir, 'setup.js'), join(dir, 'dist/setup.js'));
  }
  const dist = join(dir, name === 'nextjs' ? '.next/static' : 'dist');
  if (name !== 'nextjs' && !existsSync(join(dist, 'index.html')))
    cpSync(join(dir, 'index.html'), join(dist, 'index.html'));
  const js = name === 'importmap' ? [] : listFiles(dist).filter((f) => f.endsWith('.js'));
  const raw = js.reduce((n, f) => n + statSync(f).size, 0);
  const gz = js.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
  report.find((r) => r.name === name).js = `${(raw / 1024).toFixed(0)} KB (${(gz / 1024).toFixed(0)} KB)`;
  return dist;
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Serves `dist` (plus `/card.png`) on an ephemeral port; resolves with its origin and a close function. */
async function serve(dist, card) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/card.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(card);
    const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory())
      return res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

async function drive(built) {
  if (built.length === 0) return;
  const card = await bwipjs.toBuffer({
    bcid: 'qrcode',
    text: CARD,
    scale: 6,
    paddingwidth: 8,
    paddingheight: 8,
    backgroundcolor: 'FFFFFF',
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    // A fake camera showing a card, for the element's camera.
    args: [
      ...chromiumArgs.filter((a) => !a.startsWith('--headless')),
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${cardVideo()}`,
      '--use-fake-ui-for-media-stream',
    ],
    headless: true,
  });
  try {
    for (const { name, dist } of built) {
      if (name === 'nextjs') {
        await driveNext(browser);
        continue;
      }
      if (name === 'guide') {
        await driveGuide(browser, dist);
        continue;
      }
      const server = await serve(dist, card);
      const seen = await openPage(browser);
      const { page } = seen;
      try {
        await page.goto(`${server.origin}/`);
        await firstLoad(name, seen);
        const hasDecode = await page.evaluate(() => 'decodeUrl' in (globalThis.consumer ?? {}));
        if (name === 'esbuild-iife') {
          // The decoders cannot load without `import.meta.url` either: a named DecodeError, never a null read.
          const code = await page.evaluate(() =>
            globalThis.consumer.decodeUrl('/card.png').then(String, (e) => e.code),
          );
          check(
            name,
            'decodeImage rejects: decode-decoder-unavailable',
            code === 'decode-decoder-unavailable',
            code,
          );
        } else if (hasDecode) {
          const read = await page
            .evaluate(() => globalThis.consumer.decodeUrl('/card.png'))
            .catch((e) => `error: ${e}`);
          check(name, 'decodeImage reads the generated card', read === CARD, `got ${read}`);
          // esbuild and rollup emit no file for the wasm: the decoder takes the copy the core inlined without asking
          // for a file that is not there; every other consumer serves the file.
          const status = await page.evaluate(() => globalThis.consumer.decoderStatus?.() ?? null);
          check(
            name,
            INLINED.has(name)
              ? 'zxing-cpp (wasm) in use from the inlined copy, no .wasm request'
              : 'zxing_reader.wasm fetched with HTTP 200',
            INLINED.has(name)
              ? status?.engine === 'wasm' && seen.wasm.length === 0
              : seen.wasm.some((w) => w.startsWith('200 ')),
            `responses ${JSON.stringify(seen.wasm)} status ${JSON.stringify(status)}`,
          );
          const blank = await page
            .evaluate(() => globalThis.consumer.decodeBlank())
            .catch((e) => `error: ${e}`);
          check(name, 'a blank frame decodes to null', blank === null, `got ${blank}`);
        }
        if (name === 'importmap') {
          await driveCamera(name, seen, '/node_modules/@kaiku-scanner/core/dist/');
          await page.goto(`${server.origin}/?copied`);
          await driveCamera(`${name} (worker-url, wasm-url)`, seen, '/kaiku/');
        } else if (name === 'esbuild-iife') {
          // The camera refuses by name; after a reload, a card typed in is registered.
          await driveRefusedCamera(name, page, seen.workers);
          await page.reload();
          await driveRegistered(name, seen, false);
        } else await driveCamera(name, seen, INLINED.has(name) ? null : 'emitted');
        // esbuild and rollup too: neither the camera nor `decodeImage` requests a file that was not emitted.
        check(name, 'no console errors', seen.errors.length === 0, seen.errors.join(' | ').slice(0, 1000));
      } finally {
        await page.close();
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
}

/**
 * docs/venue-owner.md as a venue owner follows it, with no developer tools: its folder served by Python's web server
 * on the counter's own computer ("Without a website"), a card typed in and confirmed ("At the counter": the result
 * says it is recorded on this terminal), and the CSV for Kaikukanta's import downloaded ("At the end of the evening").
 */
async function driveGuide(browser, dir) {
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  // Port 0: Python picks a free one and says which ("Serving HTTP on 127.0.0.1 port N"), so no other process can
  // take it between a probe and the bind.
  const server = spawn(python, ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1'], { cwd: dir });
  let out = '';
  const port = new Promise((ok, fail) => {
    const heard = (d) => {
      out += d;
      const found = /port (\d+)/.exec(out);
      if (found) ok(Number(found[1]));
    };
    server.stdout.on('data', heard);
    server.stderr.on('data', heard);
    server.on('error', fail);
    server.on('exit', (code) =>
      fail(new Error(`python3 -m http.server exited (${code}): ${out.slice(-400)}`)),
    );
    setTimeout(
      () => fail(new Error(`python3 -m http.server named no port in 30 s: ${out.slice(-400)}`)),
      30_000,
    );
  });
  port.catch(() => undefined); // a failure before the page awaits it is reported there, not as unhandled
  const errors = [];
  // The browser's own request for /favicon.ico (the guide's page names no icon) fails harmlessly: not the page's.
  const own = (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico');
  let context;
  try {
    if (!existsSync(join(dir, 'index.html')))
      throw new Error("no ```html block in docs/venue-owner.md's step 1");
    const origin = `http://localhost:${await port}/`;
    context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.on('console', (m) => void (own(m) && errors.push(`${m.text()} ${m.location().url}`)));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(origin);
    const field = page.locator('kaiku-scanner [part~="manual-input"]');
    await field.fill(TYPED_CARD);
    await field.press('Enter');
    await page.locator('kaiku-scanner [part~="confirm-button"]').click({ timeout: 60_000 });
    const result = page.locator('kaiku-scanner [part~="result"]');
    const said = await result.textContent({ timeout: 60_000 }).catch(String);
    check(
      'guide',
      'a typed card: "Tallennettu tälle päätteelle"',
      said.includes('Tallennettu tälle päätteelle'),
      said,
    );
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('kaiku-scanner [data-export="csv"]').click({ timeout: 60_000 }),
    ]);
    const csv = readFileSync(await file.path(), 'utf8');
    check(
      'guide',
      `the file for Kaikukanta's import holds the usage: ${file.suggestedFilename()}`,
      /^kaikukortti-teatteri-hilla-kassa-1-\d{4}-\d\d-\d\d-\d{6}\.csv$/.test(file.suggestedFilename()) &&
        csv.includes(`${TYPED_CARD};1;0;Taikuri Matti;1.5.2030;19:00`),
      csv.slice(0, 600),
    );
    check('guide', 'no console errors', errors.length === 0, errors.join(' | ').slice(0, 1000));
  } catch (e) {
    check('guide', 'followed to its end', false, `${e}`.slice(0, 1000)); // a step the page did not offer
  } finally {
    await context?.close();
    server.kill();
  }
}

/**
 * A new page that records what it loads: console errors and failed responses (`errors`), the `.wasm` and `.js`
 * responses with their status, the workers started, and the scripts' response objects (for the first load's size).
 */
async function openPage(browser) {
  const page = await browser.newPage();
  const seen = { page, errors: [], wasm: [], workers: [], scripts: [], js: [] };
  page.on('worker', (w) => seen.workers.push(w.url()));
  // A resource's console error names no URL in its text: its location does.
  const where = (m) => (m.location().url ? ` @ ${new URL(m.location().url).pathname}` : '');
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(`${m.text()}${where(m)}`));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('response', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.endsWith('.wasm')) seen.wasm.push(`${r.status()} ${pathname}`);
    if (pathname.endsWith('.js')) seen.scripts.push(`${r.status()} ${pathname}`);
    if (pathname.endsWith('.js') && r.url().startsWith('http')) seen.js.push(r);
    if (r.status() >= 400) seen.errors.push(`HTTP ${r.status()} ${pathname}`);
  });
  return seen;
}

/**
 * Waits for the element to render and the page's network to settle, then records the JavaScript it loaded up to
 * then (the first load: before any card is read; raw and gzip) in the report.
 */
async function firstLoad(name, { page, js }) {
  const rendered = await page
    .waitForFunction(
      () =>
        customElements.get('kaiku-scanner') !== undefined &&
        (document.querySelector('kaiku-scanner')?.shadowRoot?.childElementCount ?? 0) > 0,
      undefined,
      { timeout: 30_000 },
    )
    .then(() => true)
    .catch(() => false);
  check(name, 'element defined and rendered', rendered);
  await page.waitForLoadState('networkidle').catch(() => {});
  const bodies = await Promise.all(js.map((r) => r.body().catch(() => Buffer.alloc(0))));
  const raw = bodies.reduce((n, b) => n + b.length, 0);
  const gz = bodies.reduce((n, b) => n + gzipSync(b).length, 0);
  row(name).firstLoad = `${(raw / 1024).toFixed(0)} KB (${(gz / 1024).toFixed(1)} KB gz, ${js.length} files)`;
}

const row = (name) => report.find((r) => r.name === name) ?? {};

/** The one sandbox of the run's `/__sandbox/` test routes (the token it requires). */
const sandboxCall = (path, method = 'GET') =>
  fetch(new URL(path, sandbox.url), {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: '{}' } : {}),
  }).then((r) => r.json());

/**
 * Scan → registered, as a clerk does it in the app: the sandbox reset, then a card read — with the camera on
 * Chromium's fake device (`camera`: its button clicked; the video shows CARD), or typed into the element's field
 * (TYPED_CARD) — the tickets offered confirmed, and the app's own `kaiku-usage-registered` listener must have run
 * exactly once, the sandbox must hold exactly one usage of the card for the show, and the app's `kaiku-error`
 * listener must have seen nothing (a decoder fallback — `camera-decoder-main-thread`, `camera-decoder-degraded` — is
 * a kaiku-error, as is a part that failed to load). Records the read and the scan → registered times.
 */
async function driveRegistered(name, { page }, camera) {
  const cardId = camera ? CARD : TYPED_CARD;
  await sandboxCall('__sandbox/reset', 'POST');
  const until = (fn, arg, timeout) =>
    page.waitForFunction(fn, arg, { timeout }).then(
      () => Date.now(),
      () => undefined,
    );
  await page.waitForFunction(() => customElements.get('kaiku-scanner') !== undefined);
  const t0 = Date.now();
  if (camera) await page.locator('kaiku-scanner [part~="camera-button"]').click();
  else {
    await page.locator('kaiku-scanner [part~="manual-input"]').fill(cardId);
    await page.locator('kaiku-scanner [part~="manual-input"]').press('Enter');
  }
  const scanned = await until(
    (id) => globalThis.consumer.seen.scans.some((s) => s.endsWith(`:${id}`)),
    cardId,
    camera ? 90_000 : 15_000,
  );
  const confirm = page.locator('kaiku-scanner [part~="confirm-button"]');
  const offered = await confirm.waitFor({ timeout: 30_000 }).then(
    () => true,
    () => false,
  );
  if (offered) await confirm.click();
  const registered = await until(() => globalThis.consumer.seen.registered.length > 0, undefined, 30_000);
  await page.waitForTimeout(1000); // a second registration would be seen by now
  const seen = await page.evaluate(() => globalThis.consumer.seen);
  const { count } = await sandboxCall(`__sandbox/usages/count?cardId=${cardId}&showId=${SHOWS[0].id}`);
  check(
    name,
    `${camera ? 'the camera reads' : 'typed in:'} ${cardId} → tickets offered → registered once (the app's listener; the sandbox holds 1 usage)`,
    scanned && offered && registered && seen.registered.length === 1 && count === 1,
    JSON.stringify({ seen, count, scanned: !!scanned, offered }),
  );
  check(
    name,
    'no kaiku-error (no decoder fallback, nothing failed to load)',
    !seen.errors.length,
    `${seen.errors}`,
  );
  if (registered && scanned)
    timings.push({
      name,
      read: scanned - t0,
      registered: registered - scanned,
      how: camera ? 'camera' : 'typed',
    });
}

/**
 * The Next.js app started with `next start` against the run's sandbox. The page is rendered on the server and
 * hydrated under StrictMode; a card read after hydration must be looked up and registered — `tokenProvider`,
 * `shows` and the `onKaiku…` handlers set through `kaiku-scanner/react` (the plain tag loses them in hydration: the
 * look-up fails with 401 and no handler runs).
 */
async function driveNext(browser) {
  const name = 'nextjs';
  const port = await new Promise((ok) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => ok(free));
    });
  });
  const next = spawn(
    join(work, 'apps/node_modules/.bin/next'),
    ['start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: join(work, 'apps/nextjs'),
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...kaikuEnv() },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: the server's workers end with it
    },
  );
  let serverLog = '';
  next.stdout.on('data', (d) => (serverLog += d));
  next.stderr.on('data', (d) => (serverLog += d));
  const origin = `http://127.0.0.1:${port}`;
  const seen = await openPage(browser);
  const { page } = seen;
  try {
    let html = '';
    for (let i = 0; i < 120 && !html; i++) {
      html = await fetch(`${origin}/`)
        .then((r) => (r.ok ? r.text() : ''))
        .catch(() => new Promise((ok) => setTimeout(() => ok(''), 500)));
    }
    check(
      name,
      'next start serves the page rendered on the server (the tag, not yet hydrated)',
      html.includes('<kaiku-scanner') && html.includes('<output id="hydrated">false</output>'),
      html ? '' : serverLog.slice(-2000),
    );
    await page.goto(`${origin}/`);
    const hydrated = await page
      .waitForFunction(() => document.querySelector('#hydrated')?.textContent === 'true', undefined, {
        timeout: 30_000,
      })
      .then(() => true)
      .catch(() => false);
    check(name, 'hydrated', hydrated);
    await firstLoad(name, seen);
    const props = await page.evaluate(() => {
      const el = document.querySelector('kaiku-scanner');
      return { token: typeof el?.tokenProvider, shows: el?.shows?.length ?? 0, venue: el?.venueId };
    });
    check(
      name,
      'tokenProvider, shows and venueId are the element’s properties after hydration',
      props.token === 'function' && props.shows === 1 && props.venue === SEED_VENUE_ID,
      JSON.stringify(props),
    );
    await driveCamera(name, seen, 'emitted');
    check(name, 'no console errors', seen.errors.length === 0, seen.errors.join(' | ').slice(0, 1000));
  } finally {
    await page.close();
    process.kill(-next.pid);
  }
}

/**
 * The Node app run against the sandbox (a child process, not `spawnSync`: the sandbox answers from this process's
 * event loop): it looks a card up, the rules allow it, it registers; a second registration is refused.
 */
async function runNode() {
  await sandboxCall('__sandbox/reset', 'POST');
  const app = spawn('node', ['dist/main.js'], {
    cwd: join(work, 'apps/node'),
    env: { ...process.env, ...kaikuEnv() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  app.stdout.on('data', (d) => (out += d));
  app.stderr.on('data', (d) => (out += d));
  const timer = setTimeout(() => app.kill(), 60_000);
  await new Promise((ok) => app.on('close', ok));
  clearTimeout(timer);
  const got = JSON.parse(/^\{.*\}$/m.exec(out)?.[0] ?? '{}');
  check(
    'node',
    'runs in Node: looks a card up, the rules allow it, registers it against the sandbox; a second registration is refused (already-used), the tally counts 1',
    got.allowed === true && !!got.usageId && got.again === 'already-used' && got.tally === 1,
    out,
  );
}

/** The card video for the fake camera (test/support/card-video, TypeScript: generated through tsx). */
function cardVideo() {
  const script = `import { generateCardVideo } from './test/support/card-video/generate-card-video.ts';
    console.log(generateCardVideo({ symbol: 'qr_code', text: '${CARD}' }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`card video: ${r.stderr}`);
  return r.stdout.trim().split('\n').at(-1);
}

/**
 * Scan → registered with the element's camera (its button, as a clerk would; `driveRegistered`), then where the
 * frames were decoded. `folder`: where the worker and the wasm must load from with HTTP 200 (the import map's
 * folders), `'emitted'` (any file the bundler named, never a Blob), or `null`: the core's inlined worker (a blob:
 * URL), where the bundler emitted nothing — the documented path of esbuild and rollup.
 */
async function driveCamera(name, seen, folder) {
  const { wasm, workers, scripts } = seen;
  const [wasmBefore, scriptsBefore, workersBefore] = [wasm.length, scripts.length, workers.length];
  await driveRegistered(name, seen, true);
  const started = workers.slice(workersBefore);
  const loaded = scripts.slice(scriptsBefore);
  const wasmLoaded = wasm.slice(wasmBefore);
  const timing = timings.find((t) => t.name === name) ?? {};
  if (folder === null) {
    check(
      name,
      'frames decoded in the inlined worker (blob: URL), the page loaded no main-thread decoder',
      // A Blob worker that failed to load still "started": the page's decode-frame chunk is the fallback's trace.
      started.some((w) => w.startsWith('blob:')) && !loaded.some((s) => /\/decode-frame-/.test(s)),
      `${started} ${loaded}`,
    );
    check(name, 'no worker file requested', !loaded.some((s) => /decode-worker/.test(s)), `${loaded}`);
    timing.files = 'inlined worker and wasm (blob:), no request';
    return;
  }
  // The worker file loaded with HTTP 200 from where it should and started (the worker's own chunks load through it:
  // a bundle folder's worker imports shared chunks). The main-thread fallback is the element's reported state,
  // `camera-decoder-main-thread`: a kaiku-error, none of which `driveRegistered` allows.
  const path =
    folder === 'emitted'
      ? started.map((w) => new URL(w).pathname).find((p) => !p.startsWith('blob:'))
      : `${folder}decode-worker.js`;
  const inWorker =
    path !== undefined && started.some((w) => new URL(w).pathname === path) && loaded.includes(`200 ${path}`);
  check(
    name,
    `frames decoded in the worker file ${path} (HTTP 200)`,
    inWorker,
    JSON.stringify({ started, loaded }),
  );
  const wasm200 = wasmLoaded.find((w) => /^200 /.test(w) && (folder === 'emitted' || w.includes(folder)));
  check(
    name,
    'zxing_reader.wasm fetched with HTTP 200 for the camera',
    !!wasm200,
    JSON.stringify(wasmLoaded),
  );
  timing.files = `worker ${loaded.find((s) => s.endsWith(` ${path}`)) ?? '—'}, wasm ${wasm200 ?? '—'}`;
}

/**
 * esbuild's default `iife` output empties `import.meta`: the camera cannot know where its worker and wasm are. It
 * must refuse by name — `camera-module-url-missing` as a kaiku-error and the element's camera error on screen — and
 * start no worker, never decode on in silence.
 */
async function driveRefusedCamera(name, page, workers) {
  await page.locator('kaiku-scanner [part~="camera-button"]').click();
  const shown = await page
    .waitForFunction(
      () =>
        document
          .querySelector('kaiku-scanner')
          ?.shadowRoot?.querySelector('#camera-error[data-code="camera-module-url-missing"]')?.textContent,
      undefined,
      { timeout: 30_000 },
    )
    .then((h) => h.jsonValue())
    .catch(() => '');
  const seen = await page.evaluate(() => globalThis.consumer.seen);
  check(
    name,
    'the camera refuses: kaiku-error camera-module-url-missing',
    seen.errors.includes('camera-module-url-missing'),
    JSON.stringify(seen),
  );
  check(name, 'the refusal is on screen, in the element’s language', /format: "esm"/.test(shown), shown);
  check(name, 'no worker started', workers.length === 0, `${workers}`);
}

for (const f of ['packages/core/dist/index.js', 'packages/element/dist/kaiku-scanner.js']) {
  if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run npm run build first`);
}

/**
 * The Node tools as a vendor installs them, from their packed tarballs (with the core's); the sandbox starts and
 * answers its health check, and each CLI prints its help. The sandbox's SQLite binding (better-sqlite3) installs as
 * it does for a vendor whose machine reaches GitHub: a prebuilt binary (prebuild-install). This machine reaches only
 * the registry, so the binding the project's own `npm ci` compiled is offered as that prebuilt, through
 * prebuild-install's documented local folder — compiling SQLite a second time cost ~90 CPU s of CI's 30 minutes.
 * Where the registry resolves another version than the project's, there is no such file and the install compiles
 * (bounded: 25 minutes), and the line below says which happened.
 */
async function driveTools() {
  const dir = join(work, 'tools');
  const packages = ['@kaiku-scanner/core', '@kaiku-scanner/sandbox', '@kaiku-scanner/cli'];
  const prebuilds = join(work, 'prebuilds');
  const sqlite = join(root, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8'));
  const binding = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(prebuilds, { recursive: true });
  execFileSync('tar', ['-czf', join(prebuilds, binding), '-C', sqlite, 'build/Release/better_sqlite3.node']);
  const env = { ...process.env, npm_config_better_sqlite3_local_prebuilds: prebuilds };
  installInto(dir, 'sandbox + cli', {}, packages, 1_500_000, env);
  const installed = join(dir, 'node_modules/better-sqlite3');
  const compiled = existsSync(join(installed, 'build/Release/obj.target'));
  console.log(
    `better-sqlite3 ${JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version}: ${compiled ? 'compiled from source (no prebuilt of this version here)' : `the prebuilt ${binding}`}`,
  );
  const bin = (tool) => join(dir, 'node_modules/.bin', tool);
  for (const tool of ['kaiku-import', 'kaiku-report']) {
    const r = spawnSync(bin(tool), ['--help'], { encoding: 'utf8', timeout: 60_000 });
    const ok = r.status === 0 && r.stdout.startsWith(`Usage: ${tool} `);
    check('cli', `${tool} --help prints its usage`, ok, `${r.stdout}${r.stderr}${r.error ?? ''}`.slice(-500));
  }
  const sandbox = spawn(bin('kaiku-sandbox'), ['--port', '0', '--memory', '--quiet'], { stdio: 'pipe' });
  let out = '';
  const url = await new Promise((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    sandbox.on('exit', () => resolve(undefined));
    const read = (d) => {
      out += d;
      const found = /listening on (\S+)/.exec(out)?.[1];
      if (found) resolve(found, clearTimeout(timer));
    };
    sandbox.stdout.on('data', read);
    sandbox.stderr.on('data', read);
  });
  try {
    const status = url ? await fetch(new URL('v1/health', url)).then((r) => r.status, String) : 'no start';
    check('sandbox', 'kaiku-sandbox starts; GET /v1/health answers 200', status === 200, `${status} ${out}`);
  } finally {
    sandbox.kill();
  }
}

const work = mkdtempSync(join(tmpdir(), 'kaiku-consumers-'));
const started = Date.now();
try {
  tarballs = pack();
  const apps = Object.keys(TOOLS).filter((name) => only.length === 0 || only.includes(name));
  // The SDK alone, as an app without a bundler installs it: what every consumer gets.
  installInto(join(work, 'sdk-only'), 'sdk only', {});
  if (only.length === 0 || only.includes('tools')) await driveTools();
  if (apps.length) {
    installInto(join(work, 'apps'), 'apps + tools', Object.assign({}, ...apps.map((a) => TOOLS[a])));
    const { startSandbox } = await import('../packages/sandbox/dist/index.js');
    const { SEED_VENUE, helsinkiDay, seedShows } = await import('../packages/sandbox/dist/seed.js');
    sandbox = await startSandbox({ memory: true, seed: true, token: TOKEN, testing: true });
    SEED_VENUE_ID = SEED_VENUE.id;
    SHOWS = seedShows(helsinkiDay(new Date())).filter((s) => s.id === 'hilla-taikuri-matti');
  }
  for (const name of apps) setUpApp(name);
  const built = [];
  for (const name of apps) {
    const dist = build(name);
    if (dist) built.push({ name, dist });
  }
  if (
    apps.includes('node') &&
    results.some((r) => r.consumer === 'node' && r.name === 'production build' && r.ok)
  )
    await runNode();
  await drive(built);
} finally {
  await sandbox?.close();
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

console.log('\ninstall         seconds  packages  SDK packages  SDK install scripts');
for (const i of installs) {
  console.log(
    `${i.label.padEnd(14)} ${i.seconds.padStart(8)}  ${String(i.packages).padStart(8)}  ${String(i.sdkPackages).padStart(12)}  ${i.scripts.join(', ') || '—'}`,
  );
}
for (const i of installs.filter((i) => i.label === 'sdk only')) {
  const total = i.footprint.reduce((sum, [, kb]) => sum + kb, 0);
  console.log(`\nSDK install on disk: ${mb(total)} in ${i.footprint.length} packages`);
  for (const [name, kb] of i.footprint.slice(0, 8)) console.log(`  ${name.padEnd(28)} ${mb(kb).padStart(9)}`);
}
console.log('\ninstall size per package: its own folder, and with everything it pulls in (du)');
const sizes = installs.filter((i) => i.label !== 'apps + tools').flatMap((i) => i.sizes);
for (const [name, own, total, count] of new Map(sizes.reverse().map((e) => [e[0], e])).values())
  console.log(
    `  ${name.padEnd(24)} ${mb(own).padStart(9)} own, ${mb(total).padStart(9)} with ${count - 1} dependencies`,
  );
console.log('\nconsumer     production JavaScript, all files (gzip)   first load (before a card is read)');
for (const r of report) console.log(`${r.name.padEnd(12)} ${(r.js ?? '—').padEnd(36)} ${r.firstLoad ?? '—'}`);
console.log('\nconsumer                          read     scan → registered   camera files');
for (const t of timings)
  console.log(
    `${t.name.padEnd(32)} ${`${t.read} ms`.padStart(8)} ${`${t.registered} ms`.padStart(10)} (${t.how})  ${t.files ?? '—'}`,
  );
const failed = results.filter((r) => !r.ok).length;
console.log(`\nconsumers took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`consumers: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
