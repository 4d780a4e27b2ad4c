// `npm test` step: packages/element/custom-elements.json (what IDEs, Storybook and framework typings read) must be
// what the analyzer makes of the current sources. Regenerates it into a temporary folder and compares; to update:
// `npm run analyze -w kaiku-scanner` and commit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const element = path.resolve('packages/element');
const out = mkdtempSync(path.join(tmpdir(), 'kaiku-cem-'));
try {
  const run = spawnSync(
    process.execPath,
    [
      path.resolve('node_modules/@custom-elements-manifest/analyzer/cem.js'),
      'analyze',
      '--config',
      'custom-elements-manifest.config.mjs',
    ],
    { cwd: element, env: { ...process.env, CEM_OUTDIR: path.relative(element, out) }, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    process.stderr.write(run.stderr || run.stdout);
    process.exit(1);
  }
  // The analyzer lists modules in the order the file system returns them, which differs between checkouts:
  // compare them sorted by path, so only a real difference fails.
  const read = (file) => {
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return manifest;
  };
  const fresh = read(path.join(out, 'custom-elements.json'));
  const committed = read(path.join(element, 'custom-elements.json'));
  if (JSON.stringify(fresh) !== JSON.stringify(committed)) {
    console.error(
      'packages/element/custom-elements.json is out of date with the sources: run `npm run analyze -w kaiku-scanner` and commit it.',
    );
    process.exit(1);
  }
  console.log('custom-elements.json matches the sources');
} finally {
  rmSync(out, { recursive: true, force: true });
}
