/**
 * `checkCapSetting`: may a venue set this per-show cap? (000 §8.2.2–8.2.3, 004 §7.2.2–7.2.3, 003.)
 */
import { createReason } from './rules-reason.js';
import type { RenderedReason } from '../messages/index.js';
import type { OperatingModelPolicy } from '../policy/operating-model-policy.js';
import { withRulesInput } from './policy-input.js';
import type { CapSettingData } from '../schemas/show-config.js';
import { CapSettingInputSchema } from '../schemas/show-config.js';
import { applicableCapRules } from './cap-rules.js';
import type { CapRule } from './cap-rules.js';

/**
 * `checkCapSetting`'s input; `policy` is an object or a version string (default: the newest).
 *
 * @example
 * const input: CapSettingInput = { capacity: 120, cap: 4, kind: 'show', policy: '2020' };
 */
export type CapSettingInput = CapSettingData & { readonly policy?: OperatingModelPolicy | string };

/** One cap rule's verdict on a proposed cap, with the minimum it asks for and the policy version. */
type CapVerdict = Omit<CapRule, 'minimum'> & { readonly minimum: number; readonly policyVersion: string };

/**
 * The result: the rule that applies and the lowest cap it allows, plus an error when the cap is below it.
 *
 * @example
 * const r = checkCapSetting(input); if (!r.ok) alert(r.error.message.fi);
 */
export type CapSettingResult =
  | ({ readonly ok: true } & CapVerdict)
  | ({ readonly ok: false; readonly error: RenderedReason<'cap-below-minimum'> } & CapVerdict)
  | {
      readonly ok: false;
      readonly error: RenderedReason<'invalid-input' | 'unknown-field' | 'unknown-policy'>;
    };

/**
 * Checks a proposed cap against the policy. The percent rule is the default; a special rule that applies
 * (course, small show, pilot tiny show, mass event, swimming hall, visiting producer) replaces it — the
 * small-show rule is why shows of ≤ 50 seats need 2 even where 3 % would be 1, and why the ≤ 10 pilot
 * existed. When several special rules apply, the most lenient is the venue's to use. A minimum never
 * exceeds the capacity (a cap of every seat is always allowed). Ranges (0–1, 2–10) give the lowest caps
 * a rule permits: a higher cap is always allowed, because the cap is not a quota.
 *
 * @example
 * checkCapSetting({ capacity: 400, cap: 10, kind: 'show' });
 * // { ok: false, rule: 'min-percent', minimum: 12, range: { min: 12, max: null }, error: { code: 'cap-below-minimum', … } }
 * checkCapSetting({ capacity: 400, cap: 10, kind: 'show', policy: '2020' }).minimum; // 20
 */
export function checkCapSetting(input: CapSettingInput): CapSettingResult {
  return withRulesInput(
    input,
    CapSettingInputSchema,
    () => undefined,
    checkParsed,
    ([first]) => ({
      ok: false,
      error: first ?? createReason('invalid-input', { path: '(input)', problem: 'invalid' }),
    }),
  );
}

function checkParsed(data: CapSettingData, policy: OperatingModelPolicy): CapSettingResult {
  const { capacity, cap } = data;
  const rules = applicableCapRules(data, policy.cap);
  const special = rules.filter((r) => r.rule !== 'min-percent');
  const best = (special.length > 0 ? special : rules)
    .map((rule) => withinCapacity(rule, capacity))
    .reduce((a, b) => (b.minimum <= a.minimum ? b : a));
  const verdict: CapVerdict = { ...best, policyVersion: policy.version };
  if (cap >= verdict.minimum) return { ok: true, ...verdict };
  const params = { cap, minimum: verdict.minimum, rule: verdict.rule, policy: policy.version };
  return { ok: false, ...verdict, error: createReason('cap-below-minimum', params) };
}

/** A minimum never exceeds the capacity: a cap of every seat is always allowed. */
function withinCapacity(rule: CapRule, capacity: number): CapRule {
  const max = rule.range.max === null ? null : Math.min(rule.range.max, capacity);
  return {
    ...rule,
    minimum: Math.min(rule.minimum, capacity),
    range: { min: Math.min(rule.range.min, capacity), max },
  };
}
