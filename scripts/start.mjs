// `npm start`: the demo box office against the local sandbox.
// 1. bundles the element and the demo pages with esbuild into .cache/demo/ (no build step needed before);
// 2. starts the sandbox (seeded, file database .cache/sandbox.db);
// 3. serves examples/ + the bundles on localhost under a strict Content-Security-Policy;
// 4. prints the URLs. Ctrl+C stops everything.
// The functions are exported for the end-to-end tests, which serve the same pages.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdirSync, existsSync, statSync, createReadStream, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandboxCli } from './sandbox-process.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const demoOut = path.join(root, '.cache', 'demo');

/** Strict CSP of the demo and of the e2e CSP test: no inline script, no eval; the API origin allowed for fetch. */
export function cspFor(...apiOrigins) {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' only lets WebAssembly compile (the camera's decoder); JavaScript eval stays blocked.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `connect-src 'self' ${apiOrigins.join(' ')}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    // lit's policy for templates and the SDK's own for the decoder worker's URL; no page-wide `default` policy.
    'trusted-types lit-html kaiku-scanner',
  ].join('; ');
}

/**
 * Bundles the demo into `outdir`: the single-file element bundle (`kaiku-scanner.bundle.js`, one ES module, no
 * chunks), and the demo box office and headless POS with code splitting (decoders load only with the camera).
 * `page-setup.js` is its own entry that pages load first: with splitting, a shared chunk (zod + the core's schemas)
 * runs before the importing module's own code, so the zod setting must come from an earlier script.
 */
export async function buildDemo(outdir = demoOut) {
  mkdirSync(outdir, { recursive: true });
  const common = {
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'browser',
    conditions: ['source', 'browser', 'import', 'default'],
    outdir,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  await build({
    ...common,
    entryPoints: { 'kaiku-scanner.bundle': path.join(root, 'examples/plain-html/bundle-entry.ts') },
    splitting: false,
  });
  await build({
    ...common,
    entryPoints: {
      'page-setup': path.join(root, 'examples/box-office/page-setup.ts'),
      'box-office': path.join(root, 'examples/box-office/box-office.ts'),
      pos: path.join(root, 'examples/pos-headless/pos.ts'),
      // The camera decodes in a module Worker loaded as new URL('./decode-worker.js', import.meta.url).
      'decode-worker': path.join(root, 'packages/core/src/input/camera/decode-worker.ts'),
    },
    splitting: true,
  });
  // The WebAssembly decoder is fetched next to the decoder module (new URL('./zxing_reader.wasm', import.meta.url)).
  const wasm = path.join(root, 'packages/core/src/input/decode/zxing_reader.wasm');
  if (existsSync(wasm)) copyFileSync(wasm, path.join(outdir, 'zxing_reader.wasm'));
  return outdir;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/**
 * Serves examples/ with the bundles at /dist/ and `/config.json` ({ baseUrl }) so the pages find the sandbox.
 * Every response carries the strict CSP. Resolves to { url, close() }.
 */
export function serveDemo({ port = 0, apiUrl, venueRegister, outdir = demoOut, host = '127.0.0.1' }) {
  const apiOrigin = new URL(apiUrl).origin;
  const csp = cspFor(apiOrigin, ...(venueRegister ? [new URL(venueRegister.url).origin] : []));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = {
      'content-security-policy': csp,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    };
    if (url.pathname === '/config.json') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      const config = { baseUrl: apiUrl, demoCardsUrl: new URL('/demo-cards', apiUrl).href, venueRegister };
      res.end(JSON.stringify(config));
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { ...headers, location: '/box-office/' });
      res.end();
      return;
    }
    const rel = decodeURIComponent(url.pathname);
    const base = rel.startsWith('/dist/') ? outdir : path.join(root, 'examples');
    let file = path.normalize(path.join(base, rel.startsWith('/dist/') ? rel.slice(5) : rel));
    if (!file.startsWith(base)) {
      res.writeHead(403, headers);
      res.end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://localhost:${actual}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** The seeded sandbox on `port` with its database in .cache/ (its URL without the trailing slash). */
export async function startSandboxProcess({
  port = 8787,
  db = path.join(root, '.cache', 'sandbox.db'),
} = {}) {
  mkdirSync(path.dirname(db), { recursive: true });
  const sandbox = await startSandboxCli(['--db', db, '--seed'], { port, quiet: false });
  return { url: sandbox.url.replace(/\/$/, ''), close: () => void sandbox.close() };
}

/**
 * The demo venue's register (`kaiku-sandbox venue-register`) for Kassa 1, Kassa 2 and Ovi on loopback: its URL, its
 * tokens by terminal name, its process (an e2e test kills it mid-shift) and `close`.
 */
export async function startVenueRegisterProcess({
  port = 8788,
  db = path.join(root, '.cache', 'venue-register.sqlite'),
} = {}) {
  mkdirSync(path.dirname(db), { recursive: true });
  const terminals = ['Kassa 1', 'Kassa 2', 'Ovi'].flatMap((name) => ['--terminal', name]);
  const args = [
    '--venue',
    'teatteri-hilla',
    '--db',
    db,
    '--host',
    '127.0.0.1',
    '--show-tokens',
    ...terminals,
  ];
  const register = await startSandboxCli(args, { port, command: 'venue-register' });
  const tokens = Object.fromEntries(
    [...register.said.matchAll(/Terminal "([^"]+)": token (\S+)/g)].map((m) => [m[1], m[2]]),
  );
  return { url: register.url, tokens, child: register.child, close: () => register.close() };
}

/** Tries the preferred port first, then any free one (a second `npm start`, or 8787/8080 taken by something else). */
async function withFallbackPort(start, preferred) {
  try {
    return await start(preferred);
  } catch (e) {
    if (preferred === 0) throw e;
    console.log(`kaiku-scanner: port ${preferred} is not available, using a free port instead.`);
    return start(0);
  }
}

async function main() {
  const apiPort = Number(process.env.KAIKU_SANDBOX_PORT ?? 8787);
  const webPort = Number(process.env.KAIKU_DEMO_PORT ?? 8080);
  console.log('kaiku-scanner: building the demo…');
  await buildDemo();
  const sandbox = await withFallbackPort((port) => startSandboxProcess({ port }), apiPort);
  const register = await withFallbackPort((port) => startVenueRegisterProcess({ port }), apiPort + 1);
  const venueRegister = { url: register.url, tokens: register.tokens };
  const web = await withFallbackPort(
    (port) => serveDemo({ port, apiUrl: sandbox.url, venueRegister }),
    webPort,
  );
  console.log('');
  console.log(`  Demo box office:      ${web.url}/box-office/`);
  console.log(`  Printable demo cards: ${sandbox.url}/demo-cards`);
  console.log(`  Plain HTML example:   ${web.url}/plain-html/`);
  console.log(`  Headless POS example: ${web.url}/pos-headless/`);
  console.log(`  Sandbox API:          ${sandbox.url}`);
  console.log(`  Venue register, two windows: ${web.url}/box-office/?registry=venue&terminal=Kassa%201`);
  console.log(`                               ${web.url}/box-office/?registry=venue&terminal=Kassa%202`);
  console.log('');
  console.log('Scan a demo card with a USB reader, show it to the camera, or type its ID. Ctrl+C stops.');
  const stop = () => {
    sandbox.close();
    void register.close();
    void web.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e) => {
    console.error(`kaiku-scanner: npm start failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
