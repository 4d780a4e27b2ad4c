// rollup with node-resolve only (no asset plugin), then the documented copy of the decoder's WebAssembly file.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const require = createRequire(import.meta.url);

export default {
  input: 'src/main.ts',
  output: { dir: 'dist', format: 'es' },
  plugins: [
    nodeResolve({ browser: true }),
    esbuild({ target: 'es2022', minify: true }),
    {
      name: 'copy-decoder-wasm',
      writeBundle() {
        mkdirSync('dist', { recursive: true });
        copyFileSync(require.resolve('@kaiku-scanner/core/zxing_reader.wasm'), 'dist/zxing_reader.wasm');
      },
    },
  ],
};
