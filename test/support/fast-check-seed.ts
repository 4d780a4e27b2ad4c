// Property tests (fast-check) run from one fixed seed in `npm test` (test-seed.ts): `FC_SEED=random npx vitest run`
// searches from a new seed and prints it, `FC_SEED=<n>` replays one; `npm run bench wedge-fuzz` searches wider. A case
// a search finds becomes a fixed unit test beside the rule it broke (e.g. reader-timing.test.ts, "rollover with long
// holds").
import fc from 'fast-check';
import { testSeed } from './test-seed.js';

/** Seeds every property of this test file (vitest: every file, via its setup; a browser test: call it first). */
export function seedFastCheck(requested: string | undefined = undefined): number {
  const seed = testSeed('FC_SEED', requested);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
  return seed;
}
