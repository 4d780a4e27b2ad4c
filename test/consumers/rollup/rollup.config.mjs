// rollup with node-resolve only, as docs/quick-start.md tells: no asset plugin, no copy. The camera's worker and the
// WebAssembly file then come from the copies the core inlined in a lazy chunk (Blob URLs).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/main.ts',
  output: { dir: 'dist', format: 'es' },
  plugins: [nodeResolve({ browser: true }), esbuild({ target: 'es2022', minify: true })],
};
