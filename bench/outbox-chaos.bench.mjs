// `npm run bench outbox-chaos`: the outbox's end-to-end chaos test in its long form (issue 60: `npm test` runs it on
// a third of the usages): 520 and 200 usages through faults, reloads and two syncing tabs, from a new seed each run
// (printed in the test's title; `OUTBOX_CHAOS_SEED=<n>` replays one).
import { spawnSync } from 'node:child_process';

const r = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'vitest.e2e.config.ts', 'test/e2e/outbox-chaos.e2e.test.ts'],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      OUTBOX_CHAOS_LONG: '1',
      OUTBOX_CHAOS_SEED: process.env.OUTBOX_CHAOS_SEED ?? 'random',
    },
  },
);
process.exit(r.status ?? 1);
