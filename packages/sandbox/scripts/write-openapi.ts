/**
 * Writes docs/openapi.json (prettier-formatted) from the contract's zod schemas.
 * Run: node --import tsx --conditions=source packages/sandbox/scripts/write-openapi.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { buildOpenApiDocument } from '@kaiku-scanner/core/contract';

const target = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));
// Formatted like the rest of the repository, so `prettier --check .` accepts the committed file.
const text = await format(JSON.stringify(buildOpenApiDocument()), { parser: 'json', printWidth: 110 });
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== text) {
    process.stderr.write('docs/openapi.json is out of date: run packages/sandbox/scripts/write-openapi.ts\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
