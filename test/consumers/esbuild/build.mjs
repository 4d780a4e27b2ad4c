// esbuild as docs/decoding.md tells: bundle with code splitting, then copy the decoder's WebAssembly file beside
// the output (esbuild does not copy `new URL(…, import.meta.url)` assets).
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outdir: 'dist',
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('@kaiku-scanner/core/zxing_reader.wasm'), 'dist/zxing_reader.wasm');
