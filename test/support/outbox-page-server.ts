/**
 * A small static server for browser pages driven by playwright-core: it bundles a TypeScript entry
 * with esbuild (resolving `@kaiku-scanner/core` to its sources) and serves it with a bare HTML page.
 * Used by the outbox e2e chaos test and the outbox bench.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

export type PageServer = { readonly url: string; close(): Promise<void> };

/**
 * Serves `/` (HTML loading `/app.js`) and `/app.js` (the bundled entry). The bundle is built once.
 *
 * @example
 * const page = await startPageServer({ entry: 'test/e2e/outbox-page.ts' });
 * await tab.goto(page.url);
 */
export async function startPageServer(options: { entry: string; title?: string }): Promise<PageServer> {
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source', 'browser', 'import', 'default'],
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text ?? '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${options.title ?? 'outbox'}</title></head><body><script type="module" src="/app.js"></script></body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(js);
    } else if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
