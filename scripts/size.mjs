// Size budget of the element: `node scripts/size.mjs` prints the sizes and where the bytes of the element's initial
// download go. Each probe has a target (the budget the project promises) and a ceiling (a ratchet at the size
// reached so far, a little under the target): `--check` fails when a bundle is over its ceiling, so nothing grows
// back; `--strict` (what `npm test` runs) also fails when it is over its target. Lower a ceiling whenever a change
// makes a bundle smaller.
// Bundled with esbuild (minified, ESM, code splitting so import()-ed code lands in its own chunks), gzipped with zlib
// at level 9, from the TypeScript sources and (the "published build" probes, after `npm run build`) from the built
// packages npm users get. "Initial" = the probe's chunk plus the chunks it imports statically: what a page
// downloads before anything is import()-ed (the budgeted figure). "First session" adds what the element import()s
// right after it paints: the default services (API client, outbox, rules, zod, ky), their texts, the card
// panel and the wedge listener's classifier, in Finnish, without the camera. "Without decoders" = every chunk except the decoders' (adds Swedish and
// English, calibration, the camera adapter). `--check` also fails when any chunk of a probe holds report code or
// exceljs (reports are the separate `@kaiku-scanner/core/reports` entry).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// 30 KB again (it had been raised step by step to 32.5 KB): the wedge listener's classifier and its texts load on
// demand, right after the element is defined (keys that come meanwhile are recorded and read in order).
export const BUDGET_BYTES = 30 * 1024;
/** Targets of the initial download, per probe (min+gz bytes). */
export const BUDGETS = {
  'element + core': BUDGET_BYTES,
  'core: parseCardId only (tree-shaking probe)': 4 * 1024,
  // The classifier and its texts load on demand from this entry (was 12.5 KB with them).
  'core/wedge: wedge-only page (calibration on demand)': 7 * 1024,
  'published build: element + core': BUDGET_BYTES,
  'published build: parseCardId only': 4 * 1024,
};
/**
 * Ceilings (min+gz bytes) enforced by `--check`: a ratchet at the size reached so far, so nothing grows back.
 * The element's first download no longer carries the API client, the outbox, zod and ky (they load with import()
 * right after the element is defined) nor the Swedish and English strings (loaded when shown).
 */
export const CEILINGS = {
  // Issue 14 (wedge readers of every kind: any terminator, duplicates, tablets' Unidentified keys, the page's own
  // fields) grew the wedge listener by ~1.8 KB; the budget went from 30 to 32 KB with it. A refused sign-in shown
  // as its own state, the duplicate-read notice, the load notice for a language, group members looked up as
  // read, the stepper's focus and the chooser's time-first labels (issue 18, 14) added 0.7 KB to the first paint;
  // the card panel's styles moved to its chunk (-0.2 KB).
  // The element's registration kept in its entry for consumers' production builds, and the decoder-degraded
  // notice (issues 16, 15), add 16–68 bytes.
  // Option bags checked by name, with the option meant (issue 11.3), add 0.4–0.5 KB to the first download.
  // The wedge listener's classifier (with its texts) loads on demand: 32.5 → 26.3 KB.
  // The sync status as one statement (syncBadges, the `unreachable` state) and the re-check of a card decided
  // offline (issue 18) add 0.3–0.4 KB: the flow and the header are in the first download.
  // The core's main entry without the wedge listener and the message tables (issue 12.3): the same minified bytes,
  // but the bundlers cut the first download's core code into one more chunk (messages/define.ts, reached by the
  // element's late texts without the card-ID code): +70–90 bytes of gzip and import overhead.
  // Dates as d.m.yyyy in every language, times in the language's own way (issue 18: one date format on a screen)
  // add ~35 bytes.
  // Settings checked when they are set (issues 18, 11.3; the checks and texts load on demand, the controller does
  // not): +0.7 KB → 27.6 KB.
  // `worker-url` and `wasm-url` on the element (issue 16: hosts that copy the camera's worker and wasm) add ~50 bytes.
  // The camera's aiming frame and its "nothing found" hint (issue 18): +0.4 KB.
  // Misspelt attributes refused (issue 11.3: the controller watches the element's attributes; the check itself and
  // its texts load on demand): a few dozen bytes over 28.2 KB.
  'element + core': 28.3 * 1024,
  'core: parseCardId only (tree-shaking probe)': 4 * 1024,
  'core/wedge: wedge-only page (calibration on demand)': 6.7 * 1024,
  // The published build followed the same changes (measured 31.3 KB on 1733e6d; +0.5 KB with issue 11.3; 26.0 KB
  // with the wedge classifier on demand).
  // +0.4 KB with the consistent sync status and the re-check of cards decided offline (issue 18).
  // 26.6 KB was read off a dist built before the settings check, the camera hints and the worker-url/wasm-url
  // attributes landed; a fresh build of e45d978 measures 27.6 KB (the sources' probe: 28.1 KB).
  // The cap meter's "not known" state for a show never counted, and the Finnish booking-or-collection heading
  // naming both choices (issue 18): 28 383 bytes in a fresh build, 18 over 27.7 KB.
  // Misspelt attributes refused (issue 11.3): a few dozen bytes over 27.8 KB.
  'published build: element + core': 27.9 * 1024,
  'published build: parseCardId only': 3.5 * 1024,
};
/** Lazily loaded modules a first session needs before its first registration (without the camera, in Finnish). */
const SESSION_INPUT =
  /(element\/(src\/(services\/core-services|messages\/core-texts|views\/card-panel)\.ts|dist\/chunks\/(core-services|core-texts|card-panel)-[\w-]+\.js)|core\/(src\/input\/wedge\/wedge-engine\.ts|dist\/chunks\/wedge-engine-[\w-]+\.js))$/;
/** Inputs that make a chunk a decoder chunk (loaded only when the camera starts). */
const DECODER_INPUT = /node_modules\/(@zxing\/|zxing-wasm\/|@ericblade\/quagga2\/)/;
/** Inputs that must never be in any chunk of the element (reports are a separate entry: exceljs is ~1 MB). */
const FORBIDDEN_INPUT = /node_modules\/(exceljs|jszip)\/|packages\/core\/src\/reports\//;

/** Bundles `contents` as an entry and returns { initial, total } min+gz bytes. */
export async function measure(name, contents, { external = [], published = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaiku-size-'));
  try {
    const entry = path.join(root, `.size-entry-${process.pid}-${name}.ts`);
    writeFileSync(entry, contents);
    try {
      const result = await build({
        entryPoints: [entry],
        external,
        bundle: true,
        splitting: true,
        format: 'esm',
        minify: true,
        target: 'es2022',
        platform: 'browser',
        // `published`: resolve the packages' built dist files (what npm users get), not their TypeScript sources.
        conditions: published ? ['browser', 'import', 'default'] : ['source', 'browser', 'import', 'default'],
        outdir: dir,
        metafile: true,
        write: true,
        logLevel: 'silent',
        legalComments: 'none',
        define: { 'process.env.NODE_ENV': '"production"' },
      });
      const outputs = result.metafile.outputs;
      const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
      // The probe's own chunk: chunks of import()-ed modules are entry points in the metafile too.
      const entryOut = Object.keys(outputs).find(
        (k) => outputs[k].entryPoint?.endsWith(path.basename(entry)) && k.endsWith('.js'),
      );
      const seen = new Set();
      const walk = (file) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const imp of outputs[file]?.imports ?? [])
          if (imp.kind === 'import-statement' && !imp.external) walk(imp.path);
      };
      walk(entryOut);
      // A first session without the camera: the initial download plus what loads right after it (the default
      // services, their texts, the card panel), in Finnish.
      const initialSet = new Set(seen);
      for (const [k, v] of Object.entries(outputs))
        if (v.entryPoint && SESSION_INPUT.test(v.entryPoint) && k.endsWith('.js')) walk(k);
      const sessionSet = new Set(seen);
      for (const f of sessionSet) if (!initialSet.has(f)) seen.delete(f);
      const js = Object.keys(outputs).filter((k) => k.endsWith('.js'));
      const sum = (files) => files.reduce((n, f) => n + gz(path.resolve(root, f)), 0);
      const isDecoder = (f) => Object.keys(outputs[f].inputs).some((i) => DECODER_INPUT.test(i));
      // zod's share, estimated as its fraction of the minified bytes of the non-decoder chunks, gzipped alike.
      const nonDecoder = js.filter((f) => !isDecoder(f));
      const rawOf = (f, pred) =>
        Object.entries(outputs[f].inputs).reduce((n, [i, v]) => n + (pred(i) ? v.bytesInOutput : 0), 0);
      const allRaw = nonDecoder.reduce((n, f) => n + rawOf(f, () => true), 0);
      const zodRaw = nonDecoder.reduce((n, f) => n + rawOf(f, (i) => /node_modules\/zod\//.test(i)), 0);
      const withoutDecoders = sum(nonDecoder);
      const session = sum([...sessionSet]);
      // Where the initial download's bytes go: minified bytes per group, and their estimated share of the gzip size.
      const initialRaw = [...seen].reduce((n, f) => n + rawOf(f, () => true), 0);
      const initialGz = sum([...seen]);
      const groups = new Map();
      for (const f of seen)
        for (const [i, v] of Object.entries(outputs[f].inputs))
          groups.set(groupOf(i), (groups.get(groupOf(i)) ?? 0) + v.bytesInOutput);
      const breakdown = [...groups]
        .filter(([, raw]) => raw > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([group, raw]) => ({
          group,
          raw,
          gz: initialRaw === 0 ? 0 : Math.round((initialGz * raw) / initialRaw),
        }));
      const forbidden = [
        ...new Set(js.flatMap((f) => Object.keys(outputs[f].inputs).filter((i) => FORBIDDEN_INPUT.test(i)))),
      ];
      return {
        initial: initialGz,
        forbidden,
        breakdown,
        withoutDecoders,
        session,
        total: sum(js),
        zodShare: allRaw === 0 ? 0 : Math.round((withoutDecoders * zodRaw) / allRaw),
        chunks: js.length,
      };
    } finally {
      rmSync(entry, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An input file's group in the breakdown: an npm package, a core area (messages per table), an element folder. */
function groupOf(input) {
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (npm) return `npm ${npm[1]}`;
  const core = /packages\/core\/src\/(messages\/[^/.]+|input\/[^/]+|[^/]+)/.exec(input);
  if (core) return `core ${core[1].replace(/\.ts$/, '')}`;
  const element = /packages\/element\/src\/((?:[^/]+\/)?[^/]+?)(?:\.ts)?$/.exec(input);
  if (element) return `element ${element[1].replace(/\/.*$/, '/')}`;
  return 'other';
}

export const probes = {
  'element + core': { src: "import 'kaiku-scanner';" },
  'core: parseCardId only (tree-shaking probe)': {
    src: "import { parseCardId } from '@kaiku-scanner/core'; (globalThis as any).p = parseCardId;",
  },
  'core/wedge: wedge-only page (calibration on demand)': {
    src: "import { createWedgeListener } from '@kaiku-scanner/core/wedge'; (globalThis as any).p = createWedgeListener;",
  },
  // The same from the built packages (run after `npm run build`): what a page that installs them from npm gets.
  'published build: element + core': { src: "import 'kaiku-scanner';", published: true },
  'published build: parseCardId only': {
    src: "import { parseCardId } from '@kaiku-scanner/core'; (globalThis as any).p = parseCardId;",
    published: true,
  },
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const strict = process.argv.includes('--strict');
  const check = strict || process.argv.includes('--check');
  const overCeiling = [];
  const rows = [];
  const over = [];
  let elementBreakdown = [];
  for (const [name, { src, published = false }] of Object.entries(probes)) {
    if (published && !existsSync(path.join(root, 'packages/element/dist/kaiku-scanner.js'))) {
      rows.push({ bundle: name, 'initial min+gz': 'not built (npm run build)' });
      continue;
    }
    const m = await measure(name.replace(/\W+/g, '-'), src, { published });
    const budget = BUDGETS[name];
    rows.push({
      bundle: name,
      'initial min+gz': kb(m.initial),
      target: budget === undefined ? '' : kb(budget),
      ceiling: CEILINGS[name] === undefined ? '' : kb(CEILINGS[name]),
      'first session (fi, no camera)': kb(m.session),
      'without decoders min+gz': kb(m.withoutDecoders),
      'all chunks min+gz': kb(m.total),
      chunks: m.chunks,
    });
    if (budget !== undefined && m.initial > budget) over.push(name);
    if (CEILINGS[name] !== undefined && m.initial > CEILINGS[name]) overCeiling.push(name);
    if (m.forbidden.length) overCeiling.push(`${name} (contains ${m.forbidden.slice(0, 3).join(', ')})`);
    if (name === 'element + core') elementBreakdown = m.breakdown;
  }
  console.table(rows);
  console.log(
    'Initial download of element + core, by source (minified bytes; gzip share estimated pro rata):',
  );
  console.table(
    elementBreakdown
      .slice(0, 25)
      .map((b) => ({ source: b.group, minified: kb(b.raw), 'min+gz ≈': kb(b.gz) })),
  );
  console.log(
    `targets (initial download, min+gz): ${Object.entries(BUDGETS)
      .map(([n, b]) => `${n} ≤ ${kb(b)}`)
      .join('; ')} → ${over.length ? `NOT MET: ${over.join(', ')}` : 'all met'}`,
  );
  console.log(`ceilings (no growth): ${overCeiling.length ? `EXCEEDED: ${overCeiling.join(', ')}` : 'ok'}`);
  if (check && overCeiling.length) process.exit(1);
  if (strict && over.length) process.exit(1);
}
