// Until the first release nothing is on the registry under the project's names, so anyone could publish a package
// called `kaiku-sandbox` or `@kaiku-scanner/cli` first — and a reader who runs a plain `npx kaiku-sandbox
// conformance --token …` from the docs would hand that package the token. Every `npx` of ours that a reader can copy
// (docs, READMEs, changesets, help texts, the OpenAPI document) says `--no-install`: npx then runs the bin the
// reader installed from our tarballs and refuses to fetch anything.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OURS = /\bnpx\s+(?!--no-install\b)((?:-\S+\s+)*)(@kaiku-scanner\/|kaiku-)\S*/g;

/** Every `npx` of one of our names in `text` that could fetch from the registry. */
export function fetchingNpx(text: string): string[] {
  return [...text.matchAll(OURS)].map((m) => m[0]);
}

describe('npx of the project’s unpublished names', () => {
  it('finds a plain npx and an npx with other flags, and lets --no-install through', () => {
    expect(fetchingNpx('run `npx kaiku-sandbox --seed`')).toEqual(['npx kaiku-sandbox']);
    expect(fetchingNpx('npx -y @kaiku-scanner/cli')).toEqual(['npx -y @kaiku-scanner/cli']);
    expect(fetchingNpx('npx --no-install kaiku-import a.csv; npx vite')).toEqual([]);
  });

  it('never fetches in a tracked file', () => {
    const files = execFileSync(
      'git',
      ['ls-files', '*.md', '*.ts', '*.mjs', '*.json', '*.html', '*.vue', '*.tsx'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((f) => f && f !== 'test/unit/unpublished-names.test.ts' && !f.includes('CHANGELOG'));
    const found = files.flatMap((f) =>
      fetchingNpx(readFileSync(path.join(root, f), 'utf8')).map((hit) => `${f}: ${hit}`),
    );
    expect(found).toEqual([]);
  });
});
