// vitest's setup for every unit-test file: property tests from a fixed seed unless FC_SEED asks otherwise.
import { seedFastCheck } from './fast-check-seed.js';

const seed = seedFastCheck(process.env.FC_SEED);
if (process.env.FC_SEED !== undefined)
  console.log(`fast-check seed ${seed} (FC_SEED=${process.env.FC_SEED})`);
