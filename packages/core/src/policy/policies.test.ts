import { describe, expect, it } from 'vitest';
import { definePolicy } from './policies.js';
import { DEFAULT_POLICY, POLICIES, POLICY_2019, POLICY_2020, POLICY_2025, getPolicy } from './policies.js';

describe('operating-model policies', () => {
  it('has the newest version as the default', () => {
    expect(DEFAULT_POLICY).toBe(POLICY_2025);
    expect(Object.keys(POLICIES)).toEqual(['2019', '2020', '2025']);
  });

  it('keeps the minimum percent the seeds disagree on as versioned data', () => {
    expect(POLICY_2019.cap.minPercent).toBe(5);
    expect(POLICY_2020.cap.minPercent).toBe(5);
    expect(POLICY_2025.cap.minPercent).toBe(3);
    expect(POLICY_2025.cap.visitingProducer).toEqual({ minimum: 2, maximum: 10 });
    expect(POLICY_2025.usage.childrenCountAgainstCap).toBe(true);
  });

  it('looks policies up by version', () => {
    expect(getPolicy('2019')).toBe(POLICY_2019);
    expect(getPolicy('2030')).toBeUndefined();
    expect(getPolicy('constructor')).toBeUndefined();
    const custom = definePolicy({ ...POLICY_2025, version: 'mine' });
    expect(Object.isFrozen(custom)).toBe(true);
  });
});
