import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { seedFastCheck } from '../support/fast-check-seed.js';
import { SUITE_SEED } from '../support/test-seed.js';

describe('property tests run from a fixed seed', () => {
  afterEach(() => seedFastCheck(process.env.FC_SEED));

  it('the unit suite is seeded before any test file runs', () => {
    const expected = process.env.FC_SEED === undefined ? SUITE_SEED : undefined;
    if (expected !== undefined) expect(fc.readConfigureGlobal().seed).toBe(expected);
    expect(Number.isInteger(fc.readConfigureGlobal().seed)).toBe(true);
  });

  it('a seed asked for is replayed: the same values twice', () => {
    const sample = () => fc.sample(fc.integer(), { numRuns: 5 });
    seedFastCheck('12345');
    const first = sample();
    seedFastCheck('12345');
    expect(sample()).toEqual(first);
  });

  it('"random" picks an integer seed; anything else is refused', () => {
    expect(Number.isInteger(seedFastCheck('random'))).toBe(true);
    expect(() => seedFastCheck('soon')).toThrow(/FC_SEED must be an integer/);
  });
});
