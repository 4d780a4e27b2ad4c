// `npm run bench terminal-model [-- --runs N]`: the terminal model (test/e2e/element-model.e2e.test.ts) run longer
// than in `npm test`, from a new seed (printed; `FC_SEED=<n>` replays it). Default 200 sequences.
import { spawnSync } from 'node:child_process';

const at = process.argv.indexOf('--runs');
const runs = at > 0 ? process.argv[at + 1] : (process.env.KAIKU_MODEL_RUNS ?? '200');
const seed = process.env.FC_SEED ?? 'random';
console.log(`terminal model: ${runs} sequences, FC_SEED=${seed}`);
const r = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'vitest.e2e.config.ts',
    'test/e2e/element-model.e2e.test.ts',
    '-t',
    'holds every',
  ],
  { stdio: 'inherit', env: { ...process.env, KAIKU_MODEL_RUNS: runs, FC_SEED: seed } },
);
process.exit(r.status ?? 1);
