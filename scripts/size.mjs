// Size budget of the element: `node scripts/size.mjs` prints the sizes, `--check` also fails when over budget.
// Bundled with esbuild (minified, ESM, code splitting so import()-ed decoders land in their own chunks), gzipped
// with zlib at level 9. "Initial" = the entry chunk plus the chunks it imports statically; "without decoders" = every
// chunk except the decoders' (what the budget counts: the element and the whole core minus @zxing & co.).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUDGET_BYTES = 30 * 1024;
/** Inputs that make a chunk a decoder chunk (loaded only when the camera starts). */
const DECODER_INPUT = /node_modules\/(@zxing\/|zxing-wasm\/|@ericblade\/quagga2\/)/;

/** Bundles `contents` as an entry and returns { initial, total } min+gz bytes. */
export async function measure(name, contents, { external = [] } = {}) {
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
        conditions: ['source', 'browser', 'import', 'default'],
        outdir: dir,
        metafile: true,
        write: true,
        logLevel: 'silent',
        legalComments: 'none',
        define: { 'process.env.NODE_ENV': '"production"' },
      });
      const outputs = result.metafile.outputs;
      const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
      const entryOut = Object.keys(outputs).find((k) => outputs[k].entryPoint && k.endsWith('.js'));
      const seen = new Set();
      const walk = (file) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const imp of outputs[file]?.imports ?? [])
          if (imp.kind === 'import-statement' && !imp.external) walk(imp.path);
      };
      walk(entryOut);
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
      return {
        initial: sum([...seen]),
        withoutDecoders,
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

export const probes = {
  'element + core': "import 'kaiku-scanner';",
  'core: parseCardId only (tree-shaking probe)':
    "import { parseCardId } from '@kaiku-scanner/core'; (globalThis as any).p = parseCardId;",
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const check = process.argv.includes('--check');
  const rows = [];
  let over = false;
  for (const [name, src] of Object.entries(probes)) {
    const m = await measure(name.replace(/\W+/g, '-'), src);
    const noZod = await measure(`${name.replace(/\W+/g, '-')}-nozod`, src, { external: ['zod', 'zod/*'] });
    rows.push({
      bundle: name,
      'initial min+gz': kb(m.initial),
      'without decoders min+gz': kb(m.withoutDecoders),
      'without decoders and zod': kb(noZod.withoutDecoders),
      'initial without zod': kb(noZod.initial),
      'all chunks min+gz': kb(m.total),
      chunks: m.chunks,
    });
    if (name.startsWith('element') && m.withoutDecoders > BUDGET_BYTES) over = true;
  }
  console.table(rows);
  console.log(
    `budget: element + core without decoders ≤ ${kb(BUDGET_BYTES)} min+gz → ${over ? 'OVER BUDGET' : 'ok'}`,
  );
  if (check && over) process.exit(1);
}
