// Builds every package's ESM output. Entries are listed per package; an entry whose source file does not
// exist yet is skipped, so the build works at every step of the project.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { rollup } from 'rollup';
import { collapseCssTemplates } from './scripts/collapse-css.mjs';

const pkg = (dir) => JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8'));
const depsOf = (dir) => Object.keys({ ...pkg(dir).dependencies, ...pkg(dir).peerDependencies });
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** `id` is external when it is one of `names` or a subpath of one. */
const externalTo = (names) => (id) => names.some((n) => id === n || id.startsWith(`${n}/`));

const existing = (input) => Object.fromEntries(Object.entries(input).filter(([, file]) => existsSync(file)));

const plugins = ({ minify = false, browser = true } = {}) => [
  nodeResolve({
    exportConditions: ['source', ...(browser ? ['browser'] : ['node']), 'import', 'default'],
    extensions: ['.ts', '.js', '.mjs'],
    preferBuiltins: !browser,
  }),
  commonjs(),
  esbuild({ target: 'es2022', minify, tsconfig: 'tsconfig.base.json' }),
];

/** The element's css`` templates without their indentation and comments (scripts/collapse-css.mjs; the size probe's
 * sources read alike). Every line keeps its number, so the maps are right without one from here. */
const collapseCss = () => ({
  name: 'kaiku-collapse-css',
  transform(code, id) {
    if (!/\/packages\/element\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
    return { code: collapseCssTemplates(code), map: null };
  },
});

/**
 * Decoder assets referenced as `new URL('./zxing_reader.wasm', import.meta.url)` from the lazily loaded decoder
 * chunk: emitted beside that chunk so the URL resolves in every build.
 */
const wasmFile = 'packages/core/src/input/decode/zxing_reader.wasm';
const decoderAssets = (dir = 'chunks/') => ({
  name: 'kaiku-decoder-assets',
  generateBundle() {
    if (!existsSync(wasmFile)) return;
    this.emitFile({ type: 'asset', fileName: `${dir}zxing_reader.wasm`, source: readFileSync(wasmFile) });
  },
});

const workerEntry = 'packages/core/src/input/camera/decode-worker.ts';

/**
 * The camera code's `new URL('./decode-worker.js', import.meta.url)` names the worker beside the camera entry; when the
 * code lands in a chunk (`chunks/…`), the path is rewritten relative to that chunk, keeping the expression whole for
 * the bundlers that look for it (Vite, webpack). Each chunk's own name goes into its `import.meta.url.endsWith('')`
 * (frame-decoder.ts, zxing-wasm-decoder.ts): code a bundler moved into another file knows that no worker and no
 * `.wasm` were emitted beside it.
 */
const workerBesideEntry = () => ({
  name: 'kaiku-worker-url',
  renderChunk(code, chunk) {
    // Only the two modules' own code: the inlined worker's source (a string in another chunk) stays as it is.
    const own = Object.keys(chunk.modules).some((id) => /\/(frame|zxing-wasm)-decoder\.ts$/.test(id));
    const pattern = /new URL\((['"])\.\/decode-worker\.js\1,\s*import\.meta\.url\)/g;
    if (!own)
      return pattern.test(code)
        ? this.error(`${chunk.fileName}: the worker URL outside frame-decoder`)
        : null;
    const named = code.replace(
      /import\.meta\.url\.endsWith\((['"])\1\)/g,
      `import.meta.url.endsWith('/${chunk.fileName}')`,
    );
    if (!pattern.test(code)) return named === code ? null : { code: named, map: null };
    if (named === code) this.error(`${chunk.fileName} no longer has import.meta.url.endsWith('')`);
    const up = '../'.repeat(chunk.fileName.split('/').length - 1) || './';
    return { code: named.replace(pattern, `new URL('${up}decode-worker.js', import.meta.url)`), map: null };
  },
});

/** Points the WebAssembly decoder's default URL at `path`, relative to the file it ends up in. */
const wasmBeside = (path) => ({
  name: 'kaiku-wasm-beside',
  transform(code, id) {
    if (!id.endsWith('/input/decode/zxing-wasm-decoder.ts')) return null;
    const pattern = /new URL\((['"])\.\/zxing_reader\.wasm\1,\s*import\.meta\.url\)/;
    if (!pattern.test(code))
      this.error(`${id} no longer has new URL('./zxing_reader.wasm', import.meta.url)`);
    return { code: code.replace(pattern, `new URL('${path}', import.meta.url)`), map: null };
  },
});

/**
 * The decoders' libraries are bundled, not installed beside the core: @zxing/library's modules have no side effects the
 * readers rely on, so only what the two readers use is kept (the whole library is 1 MB; the worker parses what it gets
 * before its first frame).
 */
const treeshake = { moduleSideEffects: (id) => !id.includes('/node_modules/@zxing/library/') };

/** The worker's self-contained build, published or inlined: its `.wasm` at `wasm` (relative to it) by default. */
const workerBuild = (wasm) => ({
  treeshake,
  onwarn,
  plugins: [wasmBeside(wasm), ...plugins({ minify: true })],
});

/** The worker's source as one module (the door bench serves it as the package publishes it). */
export async function workerSource(wasm) {
  const bundle = await rollup({ input: workerEntry, ...workerBuild(wasm) });
  const { code } = (await bundle.generate({ format: 'es', inlineDynamicImports: true })).output[0];
  await bundle.close();
  return code;
}

/**
 * Fills in `input/decode/inline-assets.ts`: the worker's self-contained source (its WebAssembly URL left to the job)
 * and the `.wasm` file as base64, one lazy chunk the camera loads only when the worker file beside the code is not
 * served (esbuild, rollup: they do not emit `new URL(…, import.meta.url)` files).
 */
const inlineWorker = () => ({
  name: 'kaiku-inline-worker',
  async load(id) {
    if (!id.endsWith('/input/decode/inline-assets.ts')) return null;
    const code = await workerSource('about:blank');
    const wasm = readFileSync(wasmFile).toString('base64');
    const source = readFileSync(id, 'utf8');
    // Replaced by functions: a string replacement would expand `$&` and the like inside the minified worker.
    const worker = `const WORKER: string = ${JSON.stringify(code)};`;
    const filled = source
      .replace("const WORKER: string = '';", () => worker)
      .replace("const WASM: string = '';", () => `const WASM: string = '${wasm}';`);
    if (!filled.includes(worker) || !filled.includes(wasm)) this.error(`${id} lost its placeholders`);
    return filled;
  },
  // No source map for that chunk: it would repeat its 1.4 MB for nothing a debugger can use.
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk' && chunk.moduleIds.some((m) => m.endsWith('/inline-assets.ts'))) {
        delete bundle[`${chunk.fileName}.map`];
        chunk.code = chunk.code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
        chunk.map = null;
      }
  },
});

/** zxing's ES5 output uses a top-level `this` in its helpers; rollup's rewrite of it to `undefined` is correct. */
const onwarn = (warning, warn) => {
  if (['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'INVALID_ANNOTATION'].includes(warning.code)) return;
  // The worker-URL rewrite changes one string on one line: the maps stay right to the line.
  if (warning.code === 'SOURCEMAP_BROKEN' && warning.plugin === 'kaiku-worker-url') return;
  warn(warning);
};

const configs = [];
const add = (cfg) => {
  if (Object.keys(cfg.input).length) configs.push({ onwarn, ...cfg });
};

// @kaiku-scanner/core: library build; dependencies stay external, decoders stay in lazy chunks.
add({
  input: existing({
    index: 'packages/core/src/index.ts',
    // Subpath `@kaiku-scanner/core/outbox`: browser-only (IndexedDB), off the main entry so its types need no DOM.
    outbox: 'packages/core/src/outbox-entry.ts',
    // Subpath `@kaiku-scanner/core/camera`: its own file, so `new URL('./decode-worker.js', import.meta.url)` in the
    // camera code resolves beside it, and pages that import it on demand keep it out of their initial download.
    camera: 'packages/core/src/input/camera/index.ts',
    decode: 'packages/core/src/input/decode/index.ts',
    // Subpath `@kaiku-scanner/core/wedge`: card reading without the network code, for small first downloads.
    wedge: 'packages/core/src/input/wedge/index.ts',
    reports: 'packages/core/src/reports/index.ts',
    // Subpath `@kaiku-scanner/core/contract`: schemas, makeProblem and the OpenAPI document for servers and tools.
    contract: 'packages/core/src/contract.ts',
    // Subpath `@kaiku-scanner/core/messages`: the per-area message tables, for UIs that ship only what they show.
    messages: 'packages/core/src/message-tables.ts',
    // Subpath `@kaiku-scanner/core/base`: errors, option checks, `defineTexts`, for a page's first download.
    base: 'packages/core/src/base-entry.ts',
  }),
  external: externalTo([...depsOf('core'), ...nodeBuiltins]),
  output: {
    dir: 'packages/core/dist',
    format: 'es',
    sourcemap: true,
    chunkFileNames: 'chunks/[name]-[hash].js',
    // No bare `import './chunks/…'` of transitive dependencies in the entries: bundlers that split code would keep
    // such a chunk in the initial download whenever a lazy chunk also uses it.
    hoistTransitiveImports: false,
    // One chunk per message table: a page's bundler then keeps only the tables it uses (the camera's texts, say,
    // stay in the camera's lazy chunk instead of riding along with a shared chunk of the main entry).
    manualChunks: (id) =>
      /packages\/core\/src\/messages\/([a-z-]+)\.ts$/.exec(id)?.[1]?.replace(/^/, 'messages-'),
  },
  // Bundled into their lazy chunks: @zxing/library alone brings 21 MB (with its optional text-encoding) for the two
  // readers used, and bundled, an import-map page needs no entries for them.
  treeshake,
  plugins: [inlineWorker(), ...plugins(), decoderAssets(), workerBesideEntry()],
});

// @kaiku-scanner/core's camera worker, `dist/decode-worker.js`: one self-contained file with its decoders
// (@zxing/library, zxing-wasm) inlined, no bare specifiers and no chunks. A module worker does not see the page's
// import map, so a worker importing `zxing-wasm/reader` fails on a page without a bundler; bundlers that emit the
// worker (Vite, webpack) just take the file as it is. The wasm stays the one file the package documents,
// `dist/chunks/zxing_reader.wasm` (`@kaiku-scanner/core/zxing_reader.wasm`), fetched relative to the worker.
add({
  input: { 'decode-worker': workerEntry },
  output: {
    dir: 'packages/core/dist',
    format: 'es',
    // The map lists the bundled packages (scripts/licenses.mjs reads it) without a second copy of their sources.
    sourcemap: true,
    sourcemapExcludeSources: true,
    inlineDynamicImports: true,
  },
  ...workerBuild('./chunks/zxing_reader.wasm'),
});

// kaiku-scanner (the element): library build with lit and core external …
add({
  input: existing({
    'kaiku-scanner': 'packages/element/src/kaiku-scanner.ts',
    // Subpath `kaiku-scanner/react`: the React component (@lit/react), importing the entry above.
    react: 'packages/element/src/react.ts',
  }),
  external: externalTo(depsOf('element')),
  // The entry must hold `customElements.define` itself: package.json lists only the entry in `sideEffects`, so a
  // consumer's production build drops any chunk that holds it (the strict default moved the entry's code, define
  // included, into a shared chunk because lazy chunks import from it). Extra exports on the entry are harmless.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'packages/element/dist',
    format: 'es',
    sourcemap: true,
    chunkFileNames: 'chunks/[name]-[hash].js',
    // A client component for React Server Components (Next.js): rollup drops module-level directives from sources.
    banner: (chunk) => (chunk.isEntry && chunk.name === 'react' ? "'use client';" : ''),
  },
  plugins: [collapseCss(), ...plugins()],
});
// … and a single-file bundle for plain HTML pages (decoders still load lazily as separate chunks).
add({
  // The worker must be an entry of its own: the camera code loads it as `new URL('./decode-worker.js', import.meta.url)`.
  // The camera code is in a lazily imported chunk, so chunks sit in the same folder as the worker (and the wasm file
  // beside the decoder chunk that fetches it).
  input: existing({
    'kaiku-scanner.bundle': 'packages/element/src/kaiku-scanner.ts',
    'decode-worker': workerEntry,
  }),
  output: {
    dir: 'packages/element/dist/bundle',
    format: 'es',
    sourcemap: true,
    chunkFileNames: '[name]-[hash].js',
  },
  treeshake,
  plugins: [collapseCss(), ...plugins({ minify: true }), decoderAssets('')],
});

// Node packages: the sandbox server and the CLIs bundle core's source; native and heavy deps stay external.
for (const [dir, input] of [
  [
    'sandbox',
    {
      index: 'packages/sandbox/src/index.ts',
      cli: 'packages/sandbox/src/cli.ts',
      // The seed data alone (browser-safe): the demo pages and examples import it instead of copying it.
      seed: 'packages/sandbox/src/seed/seed-data.ts',
    },
  ],
  ['cli', { 'import-cli': 'packages/cli/src/import-cli.ts', 'report-cli': 'packages/cli/src/report-cli.ts' }],
]) {
  if (!existsSync(`packages/${dir}/package.json`)) continue;
  const externals = [
    ...depsOf(dir).filter((d) => d !== '@kaiku-scanner/core'),
    ...depsOf('core'),
    ...nodeBuiltins,
  ];
  add({
    input: existing(input),
    external: externalTo(externals),
    output: {
      dir: `packages/${dir}/dist`,
      format: 'es',
      sourcemap: true,
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    plugins: plugins({ browser: false }),
  });
}

export default configs;
