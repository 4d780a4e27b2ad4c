// The CLIs for tests that run them as processes: one esbuild bundle of each CLI's source (workspace packages by
// their `source` condition, third-party packages from node_modules as installed), built once per test process.
// Starting the CLI through tsx transpiled the whole graph at every start: 4 s idle, 18 s at load 20 on 2 cores,
// some thirty starts in cli.test.ts alone. The bundle starts in a fraction of that; what the CLI does is the same
// source (the published build's own bins are checked by scripts/check-dist.mjs and the consumers step).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Inside node_modules, so that the bundle's bare imports resolve to the repository's packages. */
const OUT = join(REPO_ROOT, 'node_modules/.cache/kaiku-cli-test', String(process.pid));
let built: Promise<void> | undefined;

/** The path of `kaiku-<cli>` bundled from packages/cli/src/<cli>-cli.ts, built on first use. */
export async function cliEntry(cli: 'import' | 'report'): Promise<string> {
  // Removed when this process ends: one folder per test process, left behind, grew node_modules/.cache.
  if (!built) process.once('exit', () => rmSync(OUT, { recursive: true, force: true }));
  built ??= build({
    entryPoints: ['import', 'report'].map((name) => join(REPO_ROOT, `packages/cli/src/${name}-cli.ts`)),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    // The CLI's own dependencies stay imports, resolved from node_modules as a vendor's install has them; the
    // workspace packages are bundled from source (node cannot run their TypeScript).
    external: ['exceljs', 'ky', 'zod'],
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  }).then(() => undefined);
  await built;
  return join(OUT, `${cli}-cli.mjs`);
}
