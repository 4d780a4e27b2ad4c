// esbuild with its default output format (`iife`, no `format` given): one classic script, in which esbuild empties
// `import.meta` (and warns). The camera must say so by name (`camera-module-url-missing`), not fail in silence.
import { build } from 'esbuild';

const env = ['KAIKU_API', 'KAIKU_TOKEN', 'KAIKU_VENUE', 'KAIKU_SHOWS'];

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  minify: true,
  target: 'es2022',
  outdir: 'dist',
  define: Object.fromEntries(env.map((k) => [`process.env.${k}`, JSON.stringify(process.env[k])])),
  logLevel: 'error',
});
