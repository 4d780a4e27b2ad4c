// `npm run bench mutants [-- --only id,id] [-- --list]`: measures the model tests by the bugs they catch (issue 60).
// Each plausible bug of bench/mutants/mutants.mjs is put into its file alone, the model tests run against it (the
// outbox model and the undo tests in Chromium for core mutants, then the terminal model with its counterexamples;
// fixed seed and the `npm test` budget; the first failure ends a run), and the file is put back: caught or
// survived, and the score.
// Other work may be uncommitted in the tree: a mutant changes one file, and that file is restored from the copy
// taken before (never from git), also on Ctrl-C or a kill; when the file changed meanwhile, only the mutant's text
// is changed back.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { BLIND_MUTANTS } from './mutants/blind.mjs';
import { MUTANTS as OWN } from './mutants/mutants.mjs';

/** Ours, and those written blind (from the source and docs, by someone who had not read the model tests). */
const MUTANTS = [...OWN, ...BLIND_MUTANTS];

const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const only = arg('--only')?.split(',');
const chosen = MUTANTS.filter((m) => !only || only.includes(m.id));
if (process.argv.includes('--list')) {
  for (const m of MUTANTS) console.log(`${m.id.padEnd(32)} ${m.area.padEnd(9)} ${m.by.padEnd(6)} ${m.bug}`);
  process.exit(0);
}

/** The mutant in the tree now: its file, the content before it and with it. */
let applied;
let child;

function restore() {
  if (!applied) return;
  const { m, before, after } = applied;
  const now = readFileSync(m.file, 'utf8');
  // Changed meanwhile by someone else: only the mutant's text, found with the lines around it, is put back.
  const at = before.indexOf(m.search);
  const [head, tail] = [
    before.slice(Math.max(0, at - 80), at),
    before.slice(at + m.search.length).slice(0, 80),
  ];
  const mutated = head + m.replace + tail;
  if (now === after) writeFileSync(m.file, before);
  else if (now.split(mutated).length === 2)
    writeFileSync(m.file, now.replace(mutated, head + m.search + tail));
  else if (now !== before) console.error(`!! ${m.file} changed meanwhile; put back "${m.search}" by hand`);
  applied = undefined;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child) child.kill('SIGTERM');
    restore();
    process.exit(130);
  });
}
process.on('exit', restore);

/** Runs a command; resolves to its exit code (a run over `timeoutMs` counts as failed). */
function run(cmd, args, env, timeoutMs = 900_000) {
  return new Promise((resolve) => {
    child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    const keep = (d) => (out = (out + d).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      child = undefined;
      resolve({ code: code ?? 1, out });
    });
  });
}

const SUITES = {
  outbox: () =>
    run(
      'npx',
      [
        'web-test-runner',
        'packages/core/src/outbox/outbox-undo.model.browser.test.ts',
        'packages/core/src/outbox/outbox-undo.browser.test.ts',
      ],
      { KAIKU_ENGINE: 'chromium' },
    ),
  terminal: () =>
    run(
      'npx',
      [
        'vitest',
        'run',
        '--config',
        'vitest.e2e.config.ts',
        '--bail',
        '1',
        'test/e2e/element-model.e2e.test.ts',
      ],
      { FC_SEED: '', KAIKU_MODEL_RUNS: '' },
    ),
};

/** The first assertion message of a failed run, to say which invariant caught it (colours taken out). */
const COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const why = (out) =>
  (/(AssertionError|Error)[^:\n]*: ([^\n]{0,140})/.exec(out.replace(COLOURS, ''))?.[2] ?? '').trim();

// The tests must pass on the code as it is, or every mutant would count as caught.
if (!process.argv.includes('--no-baseline')) {
  const started = Date.now();
  for (const suite of ['outbox', 'terminal']) {
    const r = await SUITES[suite]();
    if (r.code !== 0) {
      console.error(`the ${suite} model fails without a mutant: ${why(r.out)}\n${r.out.slice(-4_000)}`);
      process.exit(2);
    }
  }
  console.log(`-- baseline: both models pass in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const results = [];
for (const m of chosen) {
  const before = readFileSync(m.file, 'utf8');
  if (before.split(m.search).length !== 2) {
    results.push({ m, verdict: 'stale', note: 'search text not found once (the code moved on)' });
    console.log(`-- ${m.id}: stale`);
    continue;
  }
  const after = before.replace(m.search, m.replace);
  const started = Date.now();
  let verdict = 'survived';
  let note = '';
  try {
    applied = { m, before, after };
    writeFileSync(m.file, after);
    const suites = m.file.startsWith('packages/core/src/outbox/') ? ['outbox', 'terminal'] : ['terminal'];
    for (const suite of suites) {
      const r = await SUITES[suite]();
      if (r.code !== 0) {
        verdict = 'caught';
        note = `${suite}: ${why(r.out)}`;
        break;
      }
    }
  } finally {
    restore();
  }
  results.push({ m, verdict, note });
  console.log(`-- ${m.id}: ${verdict} in ${((Date.now() - started) / 1000).toFixed(0)} s ${note}`);
}

const tried = results.filter((r) => r.verdict !== 'stale');
const caught = tried.filter((r) => r.verdict === 'caught').length;
console.log('\nmutant                           area      by     verdict   what caught it');
for (const { m, verdict, note } of results)
  console.log(`${m.id.padEnd(32)} ${m.area.padEnd(9)} ${m.by.padEnd(6)} ${verdict.padEnd(9)} ${note}`);
const score = tried.length ? Math.round((100 * caught) / tried.length) : 0;
console.log(
  `\nmutation score: ${caught}/${tried.length} caught (${score} %), ${results.length - tried.length} stale`,
);
process.exit(score >= 90 ? 0 : 1);
