// esbuild as docs/quick-start.md tells: bundle with code splitting, nothing else. esbuild emits no file for
// `new URL(…, import.meta.url)`: the camera then starts its decoding worker, and the decoder its WebAssembly file,
// from the copies the core inlined in a lazy chunk (Blob URLs). The API, token, venue and shows: `define`.
import { build } from 'esbuild';

const env = ['KAIKU_API', 'KAIKU_TOKEN', 'KAIKU_VENUE', 'KAIKU_SHOWS'];

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outdir: 'dist',
  define: Object.fromEntries(env.map((k) => [`process.env.${k}`, JSON.stringify(process.env[k])])),
  logLevel: 'warning',
});
