// After `npm run build`: the published shapes work without the `source` condition — the core's entries import in
// plain Node, the element bundle and the worker and wasm files it loads are there, and the bins answer --help.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const core = await import('@kaiku-scanner/core');
const card = core.parseCardId(' *a045198723* ');
assert.equal(card.ok && card.id, 'A045198723', 'dist/index.js parses a card ID');
for (const entry of ['camera', 'contract', 'decode', 'messages', 'outbox', 'reports', 'wedge']) {
  const mod = await import(`@kaiku-scanner/core/${entry}`);
  assert.ok(Object.keys(mod).length > 0, `@kaiku-scanner/core/${entry} exports something`);
}
for (const file of [
  'packages/core/dist/decode-worker.js',
  'packages/core/dist/chunks/zxing_reader.wasm',
  'packages/core/dist/types/index.d.ts',
  'packages/element/dist/kaiku-scanner.js',
  'packages/element/dist/bundle/kaiku-scanner.bundle.js',
  'packages/element/dist/bundle/decode-worker.js',
  // The single-file bundle keeps its lazy chunks beside the worker and the decoder's wasm.
  'packages/element/dist/bundle/zxing_reader.wasm',
]) {
  assert.ok(existsSync(file), `${file} is built`);
}
// The worker inlined for bundlers that emit no worker file must parse as the module it is started as (a `$&` in
// the minified source once turned into the placeholder line itself, and every such worker failed to load).
const inlined = readdirSync('packages/core/dist/chunks').find((f) => /^inline-assets-.*\.js$/.test(f));
assert.ok(inlined, 'the core inlines its worker in a lazy chunk');
const { workerSource } = await import(`../packages/core/dist/chunks/${inlined}`);
const parsed = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: workerSource });
assert.equal(parsed.status, 0, `the inlined worker parses as a module: ${parsed.stderr}`.slice(0, 600));
assert.ok(
  readdirSync('packages/element/dist/bundle').some((f) => /^zxing-wasm-decoder-.*\.js$/.test(f)),
  'the single-file bundle loads its WebAssembly decoder as a lazy chunk beside the wasm file',
);
// Bundlers keep only the files package.json lists in `sideEffects` when nothing is imported from them: the element's
// registration must be in one of those files, or `import 'kaiku-scanner'` is dropped from production builds.
const element = JSON.parse(readFileSync('packages/element/package.json', 'utf8'));
const registering = readdirSync('packages/element/dist', { recursive: true })
  .map((f) => `./dist/${f}`)
  .filter(
    (f) =>
      f.endsWith('.js') && readFileSync(`packages/element/${f}`, 'utf8').includes('customElements.define('),
  );
assert.ok(registering.length > 0, 'the element build calls customElements.define');
for (const file of registering.filter((f) => !f.startsWith('./dist/bundle/'))) {
  assert.ok(element.sideEffects.includes(file), `${file} registers the element, so sideEffects must list it`);
}
for (const bin of [
  'packages/sandbox/bin/kaiku-sandbox.js',
  'packages/cli/bin/kaiku-import.js',
  'packages/cli/bin/kaiku-report.js',
]) {
  const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${bin} --help exits 0: ${r.stderr}`);
  assert.match(r.stdout, /Usage/i, `${bin} --help prints its usage`);
}
// Every package carries the MIT licence, and the notices of the third-party code its build contains (generated).
const licences = spawnSync(process.execPath, ['scripts/licenses.mjs', '--check'], { encoding: 'utf8' });
assert.equal(licences.status, 0, licences.stderr);
console.log(
  'dist: entries import, worker and wasm in place, the element registers from a sideEffects file, bins answer --help, licences match the build',
);
