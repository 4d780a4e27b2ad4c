// `npm run bench conformance-kit [-- --only part,part]`: the conformance kit whole against every mutant server of
// packages/sandbox/src/conformance/mutants*.test-support.ts, one after another, each in front of a sandbox of its own.
// The unit test (run-conformance.test.ts) meets each mutant with only the checks that guard a rule it breaks; this
// shows every check each one fails (what else a fault drags down, e.g. the cap race's overshoot), and how long the
// whole kit takes. Fails when a mutant fails none of its guards. `--only` picks mutants by a part of their name.
import { startSandbox } from '../packages/sandbox/src/start-sandbox.ts';
import { CHECKS, runConformance } from '../packages/sandbox/src/conformance/run-conformance.ts';
import { mutants, startMutant } from '../packages/sandbox/src/conformance/mutants.test-support.ts';
import { routeMutants } from '../packages/sandbox/src/conformance/mutants-routes.test-support.ts';

const TOKENS = {
  'kit-token': 'teatteri-hilla',
  'kit-token-2': 'teatteri-hilla',
  'kit-token-kaiku': 'kulttuuritalo-kaiku',
};
const SANDBOX = {
  memory: true,
  seed: true,
  venueTokens: TOKENS,
  agents: { 'teatteri-hilla': ['kulttuuritalo-kaiku'] },
};
const FULL = {
  token: 'kit-token',
  secondToken: 'kit-token-2',
  otherVenue: { venueId: 'kulttuuritalo-kaiku', token: 'kit-token-kaiku' },
  otherIsAgent: true,
};

const at = process.argv.indexOf('--only');
const names = at > 0 ? (process.argv[at + 1] ?? '').split(',') : [];
const all = Object.entries({
  ...mutants({ otherToken: 'kit-token-kaiku', active: 'A999005458' }),
  ...routeMutants(),
}).filter(([name]) => names.length === 0 || names.some((n) => name.includes(n)));

const started = performance.now();
let survived = 0;
for (const [name, mutant] of all) {
  const sandbox = await startSandbox(SANDBOX);
  const proxy = await startMutant(sandbox.url, mutant);
  try {
    const report = await runConformance({ baseUrl: proxy.url, ...FULL });
    const failed = report.checks.filter((c) => c.verdict === 'fail').map((c) => c.name);
    const guards = CHECKS.filter((c) => c.rules.some((r) => mutant.breaks?.includes(r))).map((c) => c.name);
    const race = report.checks.find((c) => c.name === 'cap race');
    const killed = failed.some((c) => guards.includes(c));
    if (!killed) survived++;
    console.log(
      `${killed ? 'killed  ' : 'SURVIVED'} ${report.seconds.toFixed(1).padStart(5)} s  ${name}: ${failed.join(', ') || '(none)'}` +
        `${race?.verdict === 'fail' ? ` (${race.note})` : ''}${killed ? '' : ` — guards: ${guards.join(', ')}`}`,
    );
  } finally {
    proxy.close();
    await sandbox.close();
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `conformance-kit: ${all.length - survived} of ${all.length} mutants killed by a guard, whole kit each, ${seconds} s`,
);
process.exit(survived || all.length === 0 ? 1 : 0);
