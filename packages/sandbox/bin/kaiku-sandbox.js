#!/usr/bin/env node
// The published entry: the rollup build bundles src/cli.ts into dist/cli.js.
process.env.KAIKU_SANDBOX_BIN = '1';
await import('../dist/cli.js');
