// The source budget (issue 46): lines of shipped TypeScript in packages/*/src — not tests (`*.test.ts`,
// `*.test-support.ts`), not declarations (`*.d.ts`), not the msw/socket test doubles in `api/testing/`.
// `node scripts/source-lines.mjs` prints the count per package; `--check` fails above the budget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const BUDGET = 30_000;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const counted = (file) =>
  file.endsWith('.ts') &&
  !/\.test(-support)?\.ts$|\.test\.[a-z]+\.ts$|\.d\.ts$/.test(file) &&
  !file.split(path.sep).includes('testing');

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}

export function sourceLines() {
  const perPackage = {};
  for (const pkg of readdirSync(path.join(root, 'packages'))) {
    const src = path.join(root, 'packages', pkg, 'src');
    let lines = 0;
    try {
      for (const file of walk(src))
        if (counted(file)) lines += readFileSync(file, 'utf8').split('\n').length - 1;
    } catch {
      continue;
    }
    perPackage[pkg] = lines;
  }
  return perPackage;
}

const perPackage = sourceLines();
const total = Object.values(perPackage).reduce((a, b) => a + b, 0);
for (const [pkg, lines] of Object.entries(perPackage)) console.log(`${pkg.padEnd(10)} ${lines}`);
console.log(`${'total'.padEnd(10)} ${total} (budget ${BUDGET})`);
if (process.argv.includes('--check') && total > BUDGET) {
  console.error(`source lines ${total} > ${BUDGET}: pay for features by simplification (issue 46)`);
  process.exit(1);
}
