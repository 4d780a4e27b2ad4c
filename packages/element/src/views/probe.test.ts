import { describe, expect, it } from 'vitest';
import { PROBE_LIMIT, probeMax } from './card-panel.js';

describe('probeMax', () => {
  it('finds the largest allowed value', () => {
    expect(probeMax((n) => n <= 2)).toBe(2);
    expect(probeMax(() => true)).toBe(PROBE_LIMIT);
  });

  it('keeps looking past refused small values (a community card needs a group)', () => {
    expect(probeMax((n) => n >= 1 && n <= 5)).toBe(5);
  });

  it('returns -1 when nothing is allowed', () => {
    expect(probeMax(() => false)).toBe(-1);
  });
});
