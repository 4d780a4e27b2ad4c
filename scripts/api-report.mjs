// API reports for @kaiku-scanner/core and kaiku-scanner (the element): one `packages/<pkg>/api/<name>.api.md` per
// entry of each package's "exports" (core.api.md, core-wedge.api.md, …, element.api.md, element-react.api.md), made
// by api-extractor from the declarations `node scripts/build.mjs` emits (what users get), and committed so a
// change to the public API shows up in review.
//
//   node scripts/api-report.mjs            check (npm test): fails when a report differs from the committed one
//   node scripts/api-report.mjs --update   rewrite the reports (`npm run api-report`), then commit them
//   --verbose                              also print api-extractor's own progress messages
//
// Every item of an entry's API must be documented: an undocumented one (api-extractor's `ae-undocumented`, which the
// report marks `(undocumented)`) is a problem that fails both modes, named with its declaration's file and line.
//
// Shared settings live in packages/core/api-extractor/base.json (used for both packages); the entries come from
// each package.json, so a new entry in "exports" gets its report (and the check fails until it is committed).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const update = process.argv.includes('--update');
const verbose = process.argv.includes('--verbose');
const root = fileURLToPath(new URL('..', import.meta.url));
const baseConfigPath = join(root, 'packages/core/api-extractor/base.json');
/** The packages with a report, and the prefix of their report names. */
const packages = [
  { dir: join(root, 'packages/core'), prefix: 'core' },
  // `./vue` is types for Vue's own checker, importing the optional `vue` peer, which is not installed here.
  { dir: join(root, 'packages/element'), prefix: 'element', skip: ['./vue'] },
];
const rel = (path) => relative(root, path);
const started = Date.now();

const entries = packages.flatMap(readEntries);
const missing = entries.filter((entry) => !existsSync(entry.types));
if (missing.length) {
  for (const entry of missing)
    console.error(`api-report: ${rel(entry.types)} is missing (${entry.subpath}).`);
  console.error('api-report: build the declarations first: node scripts/build.mjs');
  process.exit(1);
}
// Reports written from declarations older than the sources would record yesterday's API.
const staleSource = newerSource();
if (update && staleSource) {
  console.error(
    `api-report: ${rel(staleSource)} is newer than the built declarations: run node scripts/build.mjs`,
  );
  process.exit(1);
}

const tempDir = mkdtempSync(join(tmpdir(), 'kaiku-api-report-'));
if (update) for (const { dir } of packages) mkdirSync(join(dir, 'api'), { recursive: true });
// Problem text → the entries it was found in (a compiler error in a shared declaration shows up once).
const problems = new Map();
let reportsDiffer = false;
const addProblem = (text, subject) => problems.set(text, new Set(problems.get(text)).add(subject));
try {
  // One TypeScript program per package: parsing its declarations once keeps the whole run to a few seconds.
  for (const pkg of packages) {
    const mine = entries.filter((entry) => entry.pkg === pkg);
    const configs = mine.map((entry) => [entry, prepareConfig(entry)]);
    const compilerState = CompilerState.create(configs[0][1], {
      additionalEntryPoints: mine.map((entry) => entry.types),
    });
    for (const [entry, config] of configs) runExtractor(entry, config, compilerState);
    checkOrphans(pkg, mine);
  }
} finally {
  rmSync(tempDir, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.size) {
  console.error(`\napi-report: ${problems.size} problem(s) in ${seconds} s:`);
  for (const [problem, subjects] of problems) console.error(`  - ${[...subjects].join(', ')}: ${problem}`);
  if (!update && reportsDiffer) {
    console.error(
      'If the API change is intended, run `npm run api-report` (after `node scripts/build.mjs`)' +
        ' and commit the api/ folders with the change.',
    );
    if (staleSource) console.error(`(${rel(staleSource)} changed after the last build: rebuild first.)`);
  }
  process.exit(1);
}
console.log(
  `api-report: ${entries.length} entries ${update ? 'written to' : 'match'} ${packages.map((p) => `${rel(p.dir)}/api/`).join(', ')} in ${seconds} s`,
);

/** Every subpath of a package's "exports" that has declarations, e.g. "./wedge" → core-wedge.api.md. */
function readEntries(pkg) {
  const packageJsonPath = join(pkg.dir, 'package.json');
  const { name, exports } = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  return Object.entries(exports)
    .filter(([, target]) => typeof target === 'object' && target !== null && typeof target.types === 'string')
    .filter(([subpath]) => !pkg.skip?.includes(subpath))
    .map(([subpath, target]) => {
      const suffix = subpath === '.' ? '' : subpath.slice(2).replaceAll('/', '-');
      return {
        pkg,
        packageJsonPath,
        reportDir: join(pkg.dir, 'api'),
        subpath: subpath === '.' ? name : `${name}/${subpath.slice(2)}`,
        reportName: suffix ? `${pkg.prefix}-${suffix}` : pkg.prefix,
        types: join(pkg.dir, target.types),
      };
    });
}

function prepareConfig(entry) {
  const configObject = ExtractorConfig.loadFile(baseConfigPath);
  configObject.projectFolder = entry.pkg.dir;
  configObject.mainEntryPointFilePath = entry.types;
  configObject.compiler = {
    ...configObject.compiler,
    overrideTsconfig: { ...configObject.compiler.overrideTsconfig, files: [entry.types] },
  };
  configObject.apiReport = {
    ...configObject.apiReport,
    reportFolder: entry.reportDir,
    reportFileName: entry.reportName,
    reportTempFolder: tempDir,
  };
  return ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: baseConfigPath,
    packageJsonFullPath: entry.packageJsonPath,
  });
}

function runExtractor(entry, config, compilerState) {
  const reportFile = `${rel(entry.reportDir)}/${entry.reportName}.api.md`;
  const hadReport = existsSync(join(entry.reportDir, `${entry.reportName}.api.md`));
  let reported = false;
  let diff = '';
  const result = Extractor.invoke(config, {
    localBuild: update,
    compilerState,
    printApiReportDiff: !update,
    showVerboseMessages: verbose,
    messageCallback(message) {
      const id = message.messageId;
      if (id === 'console-api-report-diff') {
        diff = message.text;
        message.handled = true;
      } else if (
        id.startsWith('console-api-report-') ||
        message.logLevel === 'info' ||
        message.logLevel === 'verbose'
      ) {
        // Report state is summarised below; progress notes (bundled TypeScript version, …) only with --verbose.
        if (!verbose) message.handled = true;
      } else if (message.logLevel === 'error' || message.logLevel === 'warning') {
        // Compiler diagnostics come from the one shared program: name them once, not once per entry.
        addProblem(
          message.formatMessageWithLocation(root),
          message.category === 'Compiler' ? 'declarations' : entry.subpath,
        );
        reported = true;
        message.handled = true;
      }
    },
  });
  if (result.apiReportChanged) {
    if (update) {
      console.log(
        `api-report: ${entry.subpath} changed → ${reportFile} ${hadReport ? 'rewritten' : 'created'}`,
      );
    } else {
      reportsDiffer = true;
      addProblem(
        hadReport ? `public API differs from ${reportFile}` : `no committed report ${reportFile}`,
        entry.subpath,
      );
      if (diff) console.error(`\n${entry.subpath} (${reportFile}):\n${trimDiff(diff)}`);
    }
  }
  if (!result.succeeded && !result.apiReportChanged && !reported) {
    addProblem(
      `api-extractor failed (${result.errorCount} errors, ${result.warningCount} warnings)`,
      entry.subpath,
    );
  }
}

/** A non-test source of a package modified after the oldest entry's declarations were emitted, if any. */
function newerSource() {
  const built = Math.min(...entries.map((entry) => statSync(entry.types).mtimeMs));
  const sources = packages.flatMap(({ dir }) =>
    readdirSync(join(dir, 'src'), { recursive: true, withFileTypes: true }),
  );
  for (const file of sources) {
    if (!file.isFile() || !file.name.endsWith('.ts') || /\.test\.ts$|\.d\.ts$/.test(file.name)) continue;
    const path = join(file.parentPath, file.name);
    if (statSync(path).mtimeMs > built) return path;
  }
  return undefined;
}

/** A report whose entry left "exports" is stale: the check names it, --update removes it. */
function checkOrphans(pkg, mine) {
  const reportDir = join(pkg.dir, 'api');
  if (!existsSync(reportDir)) return;
  const expected = new Set(mine.map((entry) => `${entry.reportName}.api.md`));
  for (const file of readdirSync(reportDir)) {
    if (!file.endsWith('.api.md') || expected.has(file)) continue;
    if (update) {
      rmSync(join(reportDir, file));
      console.log(`api-report: removed ${rel(reportDir)}/${file} (no such entry in package.json "exports")`);
    } else {
      reportsDiffer = true;
      addProblem(`no such entry in ${rel(pkg.dir)}/package.json "exports"`, `${rel(reportDir)}/${file}`);
    }
  }
}

function trimDiff(text, maxLines = 80) {
  const lines = text.replace(/^Changes to the API report:\s*/, '').split('\n');
  if (lines.length <= maxLines) return lines.join('\n');
  return [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines`].join('\n');
}
