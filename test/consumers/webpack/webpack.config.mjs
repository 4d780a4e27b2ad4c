// webpack 5 as its docs show it: production mode, one entry, `new URL(…, import.meta.url)` assets by default. The
// API, token, venue and shows: `EnvironmentPlugin` (the build fails when one is not set).
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

export default {
  mode: 'production',
  entry: './src/main.ts',
  output: { path: fileURLToPath(new URL('dist', import.meta.url)), clean: true },
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] }, extensions: ['.ts', '.js'] },
  module: { rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2022' } }] },
  plugins: [new webpack.EnvironmentPlugin(['KAIKU_API', 'KAIKU_TOKEN', 'KAIKU_VENUE', 'KAIKU_SHOWS'])],
};
