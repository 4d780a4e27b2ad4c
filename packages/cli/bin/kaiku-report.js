#!/usr/bin/env node
// Runs the bundled CLI (`npm run build` writes ../dist). In development:
// node --import tsx --conditions=source packages/cli/src/report-cli.ts
import { runBuilt } from './run-built.js';

await runBuilt('report-cli');
