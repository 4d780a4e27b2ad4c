import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHOW_KINDS } from '../schemas/api.js';
import { definePolicy } from '../policy/policies.js';
import { POLICY_2020, POLICY_2025 } from '../policy/policies.js';
import { applicableCapRules } from './check-cap-setting.js';
import { checkCapSetting } from './check-cap-setting.js';
import type { CapSettingInput } from './check-cap-setting.js';

describe('checkCapSetting', () => {
  it('returns the rule, the minimum, the range and the policy version', () => {
    expect(checkCapSetting({ capacity: 400, cap: 12, kind: 'show' })).toEqual({
      ok: true,
      rule: 'min-percent',
      minimum: 12,
      range: { min: 12, max: null },
      policyVersion: '2025',
    });
  });

  it('explains a refusal in three languages', () => {
    const result = checkCapSetting({ capacity: 400, cap: 10, kind: 'show', policy: POLICY_2020 });
    expect(result).toMatchObject({ ok: false, rule: 'min-percent', minimum: 20 });
    if (result.ok || !('rule' in result)) throw new Error('expected a cap refusal');
    expect(result.error.params).toEqual({ cap: 10, minimum: 20, rule: 'min-percent', policy: '2020' });
    expect(result.error.message.fi).toContain('vähintään 20');
    expect(result.error.message.sv).toContain('minst 20');
    expect(result.error.message.en).toContain('at least 20');
  });

  it('drops the pilot rules from a policy without them', () => {
    const noPilots = definePolicy({
      ...POLICY_2025,
      version: 'no-pilots',
      cap: { ...POLICY_2025.cap, tinyShow: null, swimmingHall: null },
    });
    expect(checkCapSetting({ capacity: 10, cap: 0, kind: 'show', policy: noPilots })).toMatchObject({
      ok: false,
      rule: 'small-show',
      minimum: 2,
    });
    expect(
      checkCapSetting({ capacity: 2000, cap: 20, kind: 'swimming-hall', policy: noPilots }),
    ).toMatchObject({
      ok: false,
      rule: 'min-percent',
      minimum: 60,
    });
  });

  it('maps the API show kinds onto the rules', () => {
    expect(
      applicableCapRules({ capacity: 40, cap: 2, kind: 'small-show' }, POLICY_2025.cap).map((r) => r.rule),
    ).toEqual(['min-percent', 'small-show']);
    expect(checkCapSetting({ capacity: 2000, cap: 20, kind: 'mass-event' })).toMatchObject({
      ok: true,
      rule: 'mass-event',
    });
    expect(checkCapSetting({ capacity: 300, cap: 9, kind: 'cinema' })).toMatchObject({
      ok: true,
      rule: 'min-percent',
    });
  });

  it('refuses bad input and unknown policies with a code, never throwing', () => {
    expect(checkCapSetting(null as never)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(checkCapSetting({ capacity: 5, cap: 1, kind: 'show', policy: '1999' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-policy', params: { version: '1999' } },
    });
  });

  it('refuses a policy that is neither a version nor a policy object, and unknown fields, never throwing', () => {
    const numeric = { capacity: 400, cap: 10, kind: 'show', policy: 2020 } as unknown as CapSettingInput;
    expect(checkCapSetting(numeric)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', params: { path: 'policy', problem: 'wrong-type' } },
    });
    const versionKey = {
      capacity: 400,
      cap: 10,
      kind: 'show',
      policyVersion: '2020',
    } as unknown as CapSettingInput;
    const result = checkCapSetting(versionKey);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unknown-field', params: { path: 'policyVersion', suggestion: 'policy' } },
    });
    if (!result.ok && 'error' in result) {
      expect(result.error.message.en).toBe('`policyVersion` is not a field; did you mean `policy`?');
    }
    const seats = { seats: 400, cap: 10, kind: 'show' } as unknown as CapSettingInput;
    expect(checkCapSetting(seats)).toMatchObject({
      ok: false,
      error: { code: 'unknown-field', params: { path: 'seats', suggestion: 'capacity' } },
    });
  });

  it('is ok exactly when the cap reaches a minimum that never exceeds the capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom(...SHOW_KINDS),
        fc.boolean(),
        fc.constantFrom('2019', '2020', '2025'),
        (capacity, cap, kind, visitingProducer, policy) => {
          const result = checkCapSetting({ capacity, cap, kind, visitingProducer, policy });
          if (!('minimum' in result)) throw new Error('valid input must give a minimum');
          expect(result.minimum).toBeLessThanOrEqual(capacity);
          expect(result.minimum).toBeGreaterThanOrEqual(0);
          expect(result.ok).toBe(cap >= result.minimum);
          if (cap >= capacity) expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never needs more under the 3 % policy than under the 5 % one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.constantFrom(...SHOW_KINDS), (capacity, kind) => {
        const newer = checkCapSetting({ capacity, cap: 0, kind, policy: '2025' });
        const older = checkCapSetting({ capacity, cap: 0, kind, policy: '2020' });
        if (!('minimum' in newer) || !('minimum' in older)) throw new Error('valid input');
        expect(newer.minimum).toBeLessThanOrEqual(older.minimum);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(typeof checkCapSetting(input as never).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
