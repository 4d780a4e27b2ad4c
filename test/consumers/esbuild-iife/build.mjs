// esbuild with its default output format (`iife`, no `format` given): one classic script, in which esbuild empties
// `import.meta` (and warns). The camera must say so by name (`camera-module-url-missing`), not fail in silence.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  minify: true,
  target: 'es2022',
  outdir: 'dist',
  logLevel: 'error',
});
