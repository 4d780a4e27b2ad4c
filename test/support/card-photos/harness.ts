// Node side: bundles the browser entry with esbuild, serves it on an ephemeral port and opens it in the machine's
// headless Chromium (playwright-core). Used by bench/decode.bench.ts and dump.ts.
// DECODE_BENCH_BEFORE=<commit> adds that commit's decoder (its packages/core/src, run with the zxing-wasm it used:
// 2.2.4 through the `zxing-wasm-2` alias, or the current one) to the page as the `… before` peers (before.ts), so
// before and after read the same frames.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error -- plain .mjs module without types
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../../..');
const outDir = join(root, '.cache/card-photos/www');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export type Harness = { page: Page; baseUrl: string; close(): Promise<void> };

/**
 * The `before` module swapped for the decode entry of `ref`, with the zxing-wasm that commit used: 2.2.4 (the
 * `zxing-wasm-2` alias) for a commit from before the upgrade, else the current one (the same module and binary).
 */
async function beforePlugin(ref: string): Promise<Plugin> {
  const dir = join(root, '.cache/card-photos/before');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const tar = execFileSync('git', ['archive', ref, 'packages/core/src'], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  const entry = join(dir, 'packages/core/src/input/decode/index.ts');
  const zxing2 = join(root, 'node_modules/zxing-wasm-2/dist/es/reader/index.js');
  const manifest = execFileSync('git', ['show', `${ref}:packages/core/package.json`], {
    cwd: root,
  }).toString();
  const usesZxing2 = /"zxing-wasm":\s*"\^?2\./.test(manifest);
  return {
    name: 'kaiku-before',
    setup(b) {
      b.onLoad({ filter: /card-photos[\\/]before\.ts$/ }, () => ({
        contents: `import { acceptsCardId, decodeImage } from ${JSON.stringify(entry)};
export const before = { acceptsCardId, decodeImage, zxingWasm2: ${usesZxing2} };`,
        loader: 'ts',
      }));
      b.onResolve({ filter: /^zxing-wasm\/reader$/ }, (args) =>
        usesZxing2 && args.importer.startsWith(dir) ? { path: zxing2 } : undefined,
      );
    },
  };
}

export async function openHarness(): Promise<Harness> {
  await mkdir(outDir, { recursive: true });
  const ref = process.env.DECODE_BENCH_BEFORE;
  await build({
    plugins: ref ? [await beforePlugin(ref)] : [],
    entryPoints: { 'bench-page': join(here, 'bench-page.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: outDir,
    conditions: ['source', 'browser'],
    logLevel: 'error',
  });
  await copyFile(
    join(root, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'),
    join(outDir, 'zxing_reader.wasm'),
  );
  await copyFile(
    join(root, 'node_modules/zxing-wasm-2/dist/reader/zxing_reader.wasm'),
    join(outDir, 'zxing_reader-2.2.4.wasm'),
  );
  const html = '<!doctype html><meta charset="utf-8"><script type="module" src="/bench-page.js"></script>';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      return;
    }
    readFile(join(outDir, path.replace(/^\/+/, '').replace(/\.\./g, '')))
      .then((body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
      )
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath as string,
    args: (chromiumArgs as string[]).filter((a) => !a.startsWith('--headless')),
    headless: true,
  });
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/`);
  await page.waitForFunction(() => 'cardPhotos' in globalThis);
  return {
    page,
    baseUrl,
    close: async () => {
      await browser.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
