// The release path, without publishing: every published package goes through `npm publish --dry-run --provenance`
// (after `npm run build`), and fails here on anything npm would change or drop on its own — npm 11 removes a `bin`
// entry written as `./bin/x.js` and only says so in a warning, so a CLI would be published without its command —
// and on metadata that provenance and users need: licence file, repository (the same for every package, with the
// package's directory), public access with provenance, bins and entries inside the tarball.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const PACKAGES = ['packages/core', 'packages/element', 'packages/sandbox', 'packages/cli'];
// The one warning a dry run always prints without an npm login; anything else npm says about a package is a fault.
const EXPECTED_WARNING = /requires you to be logged in/;

const root = JSON.parse(readFileSync('package.json', 'utf8'));
const problems = [];
const rows = [];

for (const dir of PACKAGES) {
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const fault = (what) => problems.push(`${pkg.name} (${dir}): ${what}`);

  if (pkg.private) fault('is private');
  if (pkg.license !== root.license) fault(`license is ${pkg.license}, the project's is ${root.license}`);
  if (pkg.repository?.url !== root.repository?.url)
    fault(`repository.url is not the project's (${root.repository?.url})`);
  if (pkg.repository?.directory !== dir)
    fault(`repository.directory must be "${dir}" (provenance links the source)`);
  if (pkg.publishConfig?.access !== 'public')
    fault('publishConfig.access must be "public" (a scoped package)');
  if (pkg.publishConfig?.provenance !== true) fault('publishConfig.provenance must be true');
  for (const field of ['description', 'homepage', 'engines']) if (!pkg[field]) fault(`${field} is missing`);

  const run = spawnSync('npm', ['publish', '--dry-run', '--provenance', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...outsideNpmRun(process.env), npm_config_loglevel: 'warn' },
  });
  if (run.status !== 0) {
    fault(`npm publish --dry-run failed (exit ${run.status}):\n${run.stderr}`);
    continue;
  }
  const warnings = run.stderr
    .split('\n')
    .filter(
      (line) => /^npm (warn|error)/.test(line) && !/Unknown (user|env|project|global) config/.test(line),
    )
    .filter((line) => !EXPECTED_WARNING.test(line));
  for (const line of warnings) fault(`npm says: ${line}`);

  // `--json` prints the pack summary; older npm versions print it as an array, newer ones keyed by name.
  const json = JSON.parse(run.stdout);
  const summary = Array.isArray(json) ? json[0] : (json[pkg.name] ?? Object.values(json)[0]);
  const files = new Set(summary.files.map((f) => f.path));
  if (![...files].some((f) => /^LICEN[CS]E(\.md)?$/i.test(f))) fault('the tarball has no LICENSE file');
  if (!files.has('README.md')) fault('the tarball has no README.md');
  for (const [name, target] of Object.entries(pkg.bin ?? {})) {
    if (target.startsWith('./')) fault(`bin ${name} starts with "./" (npm 11 drops it when publishing)`);
    if (!files.has(target.replace(/^\.\//, ''))) fault(`bin ${name} → ${target} is not in the tarball`);
    else if (!readFileSync(`${dir}/${target}`, 'utf8').startsWith('#!/usr/bin/env node'))
      fault(`bin ${name} has no node shebang`);
  }
  for (const target of exportTargets(pkg.exports)) {
    if (!target.includes('*') && !files.has(target.replace(/^\.\//, '')))
      fault(`export ${target} is not in the tarball`);
  }
  rows.push(
    `${pkg.name}@${pkg.version}: ${summary.entryCount} files, ${(summary.size / 1024).toFixed(0)} KB packed`,
  );
}

console.log(rows.join('\n'));
if (problems.length) {
  console.error(`\nrelease check: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('release check: every package publishes as written (dry run, provenance on)');

/**
 * The environment without what `npm test` adds for its child processes (npm_config_*, npm_package_*, npm_lifecycle_*):
 * under `npm test` the machine's own npmrc settings come back as environment config, and a dry run must see what a
 * maintainer's `npm publish` in a shell sees.
 */
function outsideNpmRun(env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) => !/^npm_(config|package|lifecycle)_/i.test(key) && key !== 'npm_command',
    ),
  );
}

/** Every file an `exports` map points at, except the `source` condition (TypeScript sources for the monorepo). */
function exportTargets(exports, key = '') {
  if (typeof exports === 'string') return key === 'source' ? [] : [exports];
  if (!exports || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([k, v]) => exportTargets(v, k));
}
