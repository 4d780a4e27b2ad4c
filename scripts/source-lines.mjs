// The source budget (issues 46 and 64): lines of shipped TypeScript code in packages/*/src — not tests (`*.test.ts`,
// `*.test-support.ts`), not declarations (`*.d.ts`), not the msw/socket test doubles in `api/testing/`.
//
// What counts is a line that holds code: a line with at least one token, as prettier prints it. A comment or a
// blank line costs nothing, so documentation never competes with code for the budget (the old count charged both,
// which rewarded deleting doc comments). Packing code onto fewer lines is forbidden where it is counted, by lint
// (eslint.config.js: no tuple assignments, no comma sequences, one declaration per statement, no expression used as
// a statement), so lines cannot be bought by density. The tokens are printed beside as the density check: a
// figure that falls in lines but not in tokens was packed, not simplified.
//
// `node scripts/source-lines.mjs` prints per package the code lines, all lines and tokens; `--check` fails above
// the budget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

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

/** A file's code lines (lines a token is on, comments aside), all its lines, and its tokens (TypeScript's parser). */
export function measure(text) {
  const file = ts.createSourceFile('counted.ts', text, ts.ScriptTarget.Latest, true);
  const code = new Set();
  let tokens = 0;
  const visit = (node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    if (node.kind === ts.SyntaxKind.EndOfFileToken) return;
    if (node.kind < ts.SyntaxKind.FirstNode || ts.isToken(node)) {
      tokens += 1;
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const last = file.getLineAndCharacterOfPosition(node.end).line;
      for (let line = first; line <= last; line++) code.add(line);
      return;
    }
    for (const child of node.getChildren(file)) visit(child);
  };
  visit(file);
  return { code: code.size, lines: text.split('\n').length - 1, tokens };
}

export function sourceLines() {
  const perPackage = {};
  for (const pkg of readdirSync(path.join(root, 'packages'))) {
    const src = path.join(root, 'packages', pkg, 'src');
    const sum = { code: 0, lines: 0, tokens: 0 };
    try {
      for (const file of walk(src)) {
        if (!counted(file)) continue;
        const one = measure(readFileSync(file, 'utf8'));
        for (const key of Object.keys(sum)) sum[key] += one[key];
      }
    } catch {
      continue;
    }
    perPackage[pkg] = sum;
  }
  return perPackage;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const perPackage = sourceLines();
  const total = { code: 0, lines: 0, tokens: 0 };
  console.log(
    `${'package'.padEnd(10)} ${'code lines'.padStart(10)} ${'all lines'.padStart(10)} ${'tokens'.padStart(8)}`,
  );
  for (const [pkg, sum] of Object.entries(perPackage)) {
    for (const key of Object.keys(total)) total[key] += sum[key];
    console.log(
      `${pkg.padEnd(10)} ${String(sum.code).padStart(10)} ${String(sum.lines).padStart(10)} ${String(sum.tokens).padStart(8)}`,
    );
  }
  console.log(
    `${'total'.padEnd(10)} ${String(total.code).padStart(10)} ${String(total.lines).padStart(10)} ${String(total.tokens).padStart(8)}   (budget: ${BUDGET} code lines)`,
  );
  if (process.argv.includes('--check') && total.code > BUDGET) {
    console.error(
      `source code lines ${total.code} > ${BUDGET}: pay for features by simplification (issue 46)`,
    );
    process.exit(1);
  }
}
