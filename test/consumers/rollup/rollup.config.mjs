// rollup with node-resolve only, as docs/quick-start.md tells: no asset plugin, no copy. The camera's worker and the
// WebAssembly file then come from the copies the core inlined in a lazy chunk (Blob URLs). The API, token, venue and
// shows: rollup-plugin-esbuild's `define` (or @rollup/plugin-replace).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const env = ['KAIKU_API', 'KAIKU_TOKEN', 'KAIKU_VENUE', 'KAIKU_SHOWS'];
const define = Object.fromEntries(env.map((k) => [`process.env.${k}`, JSON.stringify(process.env[k])]));

export default {
  input: 'src/main.ts',
  output: { dir: 'dist', format: 'es' },
  plugins: [nodeResolve({ browser: true }), esbuild({ target: 'es2022', minify: true, define })],
};
