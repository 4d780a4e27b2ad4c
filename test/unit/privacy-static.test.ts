// Privacy, statically: the shipped sources of the core and the element, and the browser bundles esbuild makes of
// them (third-party code included), hold no console call of ours, no web storage or cookie, no hard-coded host
// but loopback, reserved names and listed identifiers, and no network API outside the API transport.
// The bundles are built here (no build step needed on a fresh clone).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bundleSections,
  consoleCallsIn,
  isHostname,
  isLocalOrReserved,
  scanSource,
  sourceFiles,
  urlHosts,
  type BundleSection,
  type Finding,
} from '../support/privacy-scan.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rel = (f: string): string => path.relative(root, f);
const LIBRARY_DIRS = ['packages/core/src', 'packages/element/src'];
const libraryFiles = LIBRARY_DIRS.flatMap((d) => sourceFiles(path.join(root, d)));
const libraryScans = libraryFiles.map((f) => scanSource(f));

/**
 * Hosts that appear in code as identifiers, never as request targets (the e2e test shows no request goes there).
 * Anything else that is not loopback or a reserved name fails the test.
 */
const IDENTIFIER_HOSTS: Record<string, string> = {
  'kaiku-scanner.dev':
    'RFC 9457 problem `type` URI base (packages/core/src/schemas/api-responses.ts), not fetched',
  'json-schema.org': "zod's JSON Schema `$schema` dialect identifiers (OpenAPI document), not fetched",
  'www.w3.org': 'XML/SVG namespace URIs (lit), not fetched',
  'schemas.openxmlformats.org':
    "OOXML namespace URIs of the register's XLSX file (packages/core/src/reports/write-xlsx.ts), not fetched",
};

/**
 * The modules allowed web storage, nothing about a holder in either: storage health keeps in localStorage how many
 * usages wait (a number per outbox, no card ID, no token), the only store Chromium does not evict with IndexedDB,
 * to tell staff how many a clearing lost; the clerk's settings are three flags (sound, vibration, privacy mode); the
 * shift kept over a reload holds card IDs masked to their last four characters only (privacy.e2e.test.ts checks).
 */
const WEB_STORAGE_MODULES = [
  'packages/element/src/services/storage-health.ts',
  'packages/element/src/feedback/prefs.ts',
  'packages/element/src/views/shift-panel.ts',
];

/** Third-party hosts present in bundled dependencies, each neutralised by the SDK as stated. */
const NEUTRALISED_THIRD_PARTY_HOSTS: Record<string, { module: RegExp; reason: string }> = {
  'fastly.jsdelivr.net': {
    module: /^node_modules\/zxing-wasm\//,
    reason:
      "zxing-wasm's default locateFile CDN; the core instantiates the module it fetched (instantiateWasm)",
  },
};

/**
 * Dependency modules that contain console calls in code paths the SDK never takes, or has silenced.
 * A console call in any other module (and in any module of ours) fails the test.
 */
const THIRD_PARTY_CONSOLE: Array<{ module: RegExp; reason: string }> = [
  {
    module: /^node_modules\/@zxing\/library\/esm\/core\/oned\/rss\//,
    reason: 'RSS Expanded reader: the SDK only uses QRCodeReader and Code39Reader',
  },
  {
    module: /^node_modules\/@zxing\/library\/esm\/core\/oned\/MultiFormatOneDReader\.js$/,
    reason: 'warns when built with RSS Expanded enabled: the SDK never builds a MultiFormatOneDReader',
  },
  {
    module: /^node_modules\/@zxing\/library\/esm\/core\/aztec\//,
    reason: 'Aztec encoder: never used',
  },
  {
    module: /^node_modules\/@zxing\/library\/esm\/browser\//,
    reason: 'BrowserCodeReader video helpers: the SDK owns its camera stream',
  },
  {
    module: /^node_modules\/zxing-wasm\//,
    reason: "Emscripten's default print/printErr: the core passes silent print and printErr overrides",
  },
];

const where = (f: Finding): string => `${rel(f.file)}:${f.line} ${f.what}`;

describe('shipped sources of packages/core and packages/element', () => {
  it('scans a real set of files (the walker finds the code)', () => {
    expect(libraryFiles.length).toBeGreaterThan(100);
    expect(libraryFiles.some((f) => f.endsWith('kaiku-scanner.component.ts'))).toBe(true);
    // The AST walker sees the one console reference the sandbox CLI has, and skips comments.
    const cli = scanSource(path.join(root, 'packages/sandbox/src/cli.ts'));
    expect(cli.consoleUses.length).toBeGreaterThan(0);
    const doc = scanSource('x.ts', '/** console.log(localStorage) https://evil.example.com/ */\nexport {};');
    expect(doc).toEqual({ consoleUses: [], storageUses: [], urls: [], networkCalls: [] });
    const bad = scanSource(
      'x.ts',
      "console.warn(1); window.localStorage.x = 1; document.cookie = ''; fetch('https://cdn.evil.com/a');",
    );
    expect(bad.consoleUses).toHaveLength(1);
    expect(bad.storageUses.map((s) => s.what)).toEqual(['localStorage', 'document.cookie']);
    expect(bad.urls.map((u) => u.host)).toEqual(['cdn.evil.com']);
  });

  it('never reference console', () => {
    expect(libraryScans.flatMap((s) => s.consoleUses).map(where)).toEqual([]);
  });

  it('never use localStorage, sessionStorage or document.cookie (but the count of waiting usages)', () => {
    const uses = libraryScans.flatMap((s) => s.storageUses).map(where);
    expect(uses.filter((u) => !WEB_STORAGE_MODULES.some((m) => u.startsWith(`${m}:`)))).toEqual([]);
    expect(uses.filter((u) => u.endsWith(' sessionStorage') || u.endsWith('document.cookie'))).toEqual([]);
  });

  it('name no host in code but loopback, reserved names and listed identifiers', () => {
    const offending = libraryScans
      .flatMap((s) => s.urls)
      .filter((u) => isHostname(u.host) && !isLocalOrReserved(u.host) && !(u.host in IDENTIFIER_HOSTS))
      .map((u) => `${rel(u.file)}:${u.line} ${u.host}`);
    expect(offending).toEqual([]);
  });

  it('reach the network only through the API transport (no sendBeacon, WebSocket, XHR, EventSource)', () => {
    const calls = libraryScans.flatMap((s) => s.networkCalls);
    expect(calls.filter((c) => c.what !== 'fetch').map(where)).toEqual([]);
    // `fetch` is the injectable fetch of the HTTP transport, which sends to the configured baseUrl, and the
    // decoder's request for its own `.wasm` file (an asset URL; it carries no data, see the next test).
    expect([...new Set(calls.map((c) => rel(c.file)))].sort()).toEqual([
      'packages/core/src/api/create-api-client.ts',
      'packages/core/src/api/http-transport.ts',
      'packages/core/src/input/decode/zxing-wasm-decoder.ts',
    ]);
  });

  it("the decoder's one fetch is a bodiless GET of its .wasm URL", () => {
    const text = readFileSync(
      path.join(root, 'packages/core/src/input/decode/zxing-wasm-decoder.ts'),
      'utf8',
    );
    const fetches = [...text.matchAll(/\bfetch\(([^)]*)\)/g)].map((m) => m[1]);
    expect(fetches).toEqual(["url, { credentials: 'same-origin' }"]);
    expect(text).toMatch(/export function loadWasm\(url: string\)/);
  });

  it('the WebAssembly decoder overrides the CDN locateFile and the console print hooks', () => {
    const text = readFileSync(
      path.join(root, 'packages/core/src/input/decode/zxing-wasm-decoder.ts'),
      'utf8',
    );
    // Emscripten's own fetch (and `locateFile`'s CDN default) never runs: the hook gets the module the core fetched.
    expect(text).toMatch(/instantiateWasm/);
    expect(text).toMatch(/print:\s*silent/);
    expect(text).toMatch(/printErr:\s*silent/);
  });
});

/** Example files integrators copy from (any language the examples use). */
function exampleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(full).isDirectory()) return exampleFiles(full);
    return /\.(ts|tsx|js|mjs|vue|html)$/.test(name) ? [full] : [];
  });
}

describe('examples integrators copy', () => {
  const files = exampleFiles(path.join(root, 'examples'));

  it('are found', () => {
    expect(files.some((f) => f.endsWith('box-office.ts'))).toBe(true);
  });

  it('never log a card ID or a whole event detail, and never use web storage', () => {
    const bad: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const logs = /\bconsole\s*\./.test(line);
          if (logs && /cardId|memberCardIds|\.detail\s*\)|\bdetail\s*\)|card\b|\.id\b/.test(line))
            bad.push(`${rel(file)}:${i + 1} ${line.trim()}`);
          if (/\b(localStorage|sessionStorage|document\.cookie)\b/.test(line))
            bad.push(`${rel(file)}:${i + 1} ${line.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });

  it('contact no host but the configured API (reserved example names in placeholders only)', () => {
    const hosts = files.flatMap((f) =>
      urlHosts(readFileSync(f, 'utf8'))
        .filter((h) => isHostname(h) && !isLocalOrReserved(h))
        .map((h) => `${rel(f)} ${h}`),
    );
    expect(hosts).toEqual([]);
  });
});

describe('browser bundles (esbuild, dependencies included)', () => {
  let sections: BundleSection[] = [];

  beforeAll(async () => {
    const result = await build({
      absWorkingDir: root,
      entryPoints: {
        element: 'packages/element/src/kaiku-scanner.ts',
        core: 'packages/core/src/index.ts',
        'decode-worker': 'packages/core/src/input/camera/decode-worker.ts',
      },
      bundle: true,
      format: 'esm',
      splitting: true,
      minify: false,
      write: false,
      outdir: path.join(root, '.cache', 'privacy-bundle'),
      platform: 'browser',
      target: 'es2022',
      conditions: ['source', 'browser', 'import', 'default'],
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: { '.wasm': 'file' },
      logLevel: 'silent',
    });
    sections = result.outputFiles
      .filter((f) => f.path.endsWith('.js'))
      .flatMap((f) => bundleSections(path.basename(f.path), f.text));
  }, 120_000);

  it('contain the SDK, lit and the decoders', () => {
    const modules = sections.map((s) => s.module);
    expect(modules.some((m) => m.startsWith('packages/core/src/api/'))).toBe(true);
    expect(modules.some((m) => m.startsWith('packages/element/src/'))).toBe(true);
    expect(modules.some((m) => m.startsWith('node_modules/lit-html/'))).toBe(true);
    expect(modules.some((m) => m.startsWith('node_modules/zxing-wasm/'))).toBe(true);
  });

  it('have no console call from our code, and only listed ones from dependencies', () => {
    const unexpected = sections
      .filter((s) => consoleCallsIn(s.code).length > 0)
      .filter(
        (s) => s.module.startsWith('packages/') || !THIRD_PARTY_CONSOLE.some((t) => t.module.test(s.module)),
      )
      .map((s) => `${s.output} ${s.module}: console.${consoleCallsIn(s.code).join(', console.')}`);
    expect(unexpected).toEqual([]);
  });

  it('use no localStorage, sessionStorage, document.cookie, sendBeacon, WebSocket or EventSource anywhere', () => {
    const bad = sections
      .filter((s) =>
        /\b(localStorage|sessionStorage|document\.cookie|sendBeacon|WebSocket|EventSource)\b/.test(
          WEB_STORAGE_MODULES.includes(s.module) ? s.code.replace(/\blocalStorage\b/g, '') : s.code,
        ),
      )
      .map((s) => s.module);
    expect(bad).toEqual([]);
  });

  it('name no external host but listed identifiers and neutralised dependency defaults', () => {
    const bad: string[] = [];
    for (const s of sections) {
      for (const host of urlHosts(s.code)) {
        if (!isHostname(host) || isLocalOrReserved(host) || host in IDENTIFIER_HOSTS) continue;
        const known = NEUTRALISED_THIRD_PARTY_HOSTS[host];
        if (known && known.module.test(s.module)) continue;
        bad.push(`${s.output} ${s.module}: ${host}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
