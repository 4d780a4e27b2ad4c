// A small static server for the camera e2e tests: the test page (with a strict CSP header, like a real box office
// page) and its script bundled from TypeScript with esbuild on first request. The worker is its own entry, served
// next to the bundle, so `new URL('./decode-worker.js', import.meta.url)` resolves as it does in a real build.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

/** A box office's strict policy: scripts and workers from the page's own origin only; WebAssembly allowed. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; object-src 'none'; base-uri 'none'";

/** Static assets the bundle loads by URL (`new URL('./x', import.meta.url)`), served next to it. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'zxing_reader.wasm': {
    file: join(repoRoot, 'packages/core/src/input/decode/zxing_reader.wasm'),
    type: 'application/wasm',
  },
};

export type CameraTestServer = { readonly origin: string; readonly port: number; close(): Promise<void> };

async function bundle(): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: {
      app: join(here, 'camera-page.ts'),
      'decode-worker': join(repoRoot, 'packages/core/src/input/camera/decode-worker.ts'),
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source'],
    outdir: '/out',
    write: false,
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((f) => [basename(f.path), f.text]));
}

function page(csp: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>camera e2e</title>
<script type="module" src="/app.js"></script></head>
<body><video id="preview" width="320" height="240"></video><p>${csp ? 'csp' : 'no csp'}</p></body></html>`;
}

/** Serves on 127.0.0.1 (a secure context in Chromium, like localhost). `?csp=` overrides the page's policy. */
export async function startCameraTestServer(): Promise<CameraTestServer> {
  let files: Promise<Map<string, string>> | undefined;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const csp = url.searchParams.get('csp') ?? STRICT_CSP;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      res.end(page(csp));
      return;
    }
    const asset = ASSETS[url.pathname.slice(1)];
    if (asset) {
      readFile(asset.file).then(
        (body) => res.writeHead(200, { 'content-type': asset.type }).end(body),
        () => res.writeHead(404).end(),
      );
      return;
    }
    files ??= bundle();
    files.then(
      (map) => {
        const body = map.get(url.pathname.slice(1));
        if (body === undefined) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      },
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
