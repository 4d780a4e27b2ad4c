// esbuild as docs/quick-start.md tells: bundle with code splitting, nothing else. esbuild emits no file for
// `new URL(…, import.meta.url)`: the camera then starts its decoding worker, and the decoder its WebAssembly file,
// from the copies the core inlined in a lazy chunk (Blob URLs).
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
