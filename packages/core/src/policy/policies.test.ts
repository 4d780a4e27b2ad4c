import { describe, expect, it } from 'vitest';
import { definePolicy } from './operating-model-policy.js';
import {
  DEFAULT_POLICY,
  POLICIES,
  POLICY_2019,
  POLICY_2020,
  POLICY_2025,
  POLICY_VERSIONS,
  getPolicy,
  resolvePolicy,
} from './policies.js';

describe('operating-model policies', () => {
  it('has the newest version as the default', () => {
    expect(DEFAULT_POLICY).toBe(POLICY_2025);
    expect(POLICY_VERSIONS.at(-1)).toBe(DEFAULT_POLICY.version);
    expect(Object.keys(POLICIES)).toEqual([...POLICY_VERSIONS]);
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
    expect(resolvePolicy()).toBe(POLICY_2025);
    expect(resolvePolicy('2020')).toBe(POLICY_2020);
    const custom = definePolicy({ ...POLICY_2025, version: 'mine' });
    expect(resolvePolicy(custom)).toBe(custom);
    expect(Object.isFrozen(custom)).toBe(true);
  });
});
