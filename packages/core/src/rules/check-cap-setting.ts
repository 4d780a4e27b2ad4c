/** May a venue set this per-show cap? (000 §8.2.2–8.2.3, 004 §7.2.2–7.2.3, 003.) */
import type { RenderedReason } from '../messages/index.js';
import type { CapPolicy, OperatingModelPolicy } from '../policy/policies.js';
import { createReason, withRulesInput } from './rules-input.js';
import { type CapSettingData, CapSettingInputSchema } from '../schemas/show-config.js';

/** `checkCapSetting`'s input; `policy` is an object or a version string (default: the newest). */
export type CapSettingInput = CapSettingData & { readonly policy?: OperatingModelPolicy | string };

/** One cap rule's verdict on a proposed cap, with the minimum it asks for and the policy version. */
type CapVerdict = CapRule & { readonly policyVersion: string };

/** The result: the rule that applies and the lowest cap it allows, plus an error when the cap is below it. */
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
function withinCapacity({ rule, minimum, range }: CapRule, capacity: number): CapRule {
  const max = range.max === null ? null : Math.min(range.max, capacity);
  return floor(rule, Math.min(minimum, capacity), Math.min(range.min, capacity), max);
}

/** A cap rule id (stable). */
export type CapRuleId =
  | 'min-percent'
  | 'small-show'
  | 'course'
  | 'tiny-show'
  | 'mass-event'
  | 'swimming-hall'
  | 'visiting-producer';

/** A rule that applies, with the lowest cap it allows and its range (`max: null` = no upper end). */
export type CapRule = {
  readonly rule: CapRuleId;
  readonly minimum: number;
  readonly range: { readonly min: number; readonly max: number | null };
};

const NOT_SEATED = new Set(['course', 'swimming-hall']);

/** Every rule that applies to the show (kinds as the API's `ShowKind`), the general percent rule first. */
export function applicableCapRules(input: CapSettingData, cap: CapPolicy): CapRule[] {
  const { capacity, kind } = input;
  const percent = Math.ceil((capacity * cap.minPercent) / 100 - 1e-9);
  const rules = [floor('min-percent', percent)];
  const seated = !NOT_SEATED.has(kind);
  if (kind === 'course') rules.push(floor('course', cap.course.minimum));
  if (seated && capacity <= cap.smallShow.maxSeats) rules.push(floor('small-show', cap.smallShow.minimum));
  if (seated && cap.tinyShow && capacity <= cap.tinyShow.maxSeats)
    rules.push(floor('tiny-show', cap.tinyShow.minimum, cap.tinyShow.minimum, cap.tinyShow.maximum));
  if (seated && capacity > cap.massEvent.moreThanPeople)
    rules.push(floor('mass-event', cap.massEvent.minimum));
  if (kind === 'swimming-hall' && cap.swimmingHall)
    rules.push(floor('swimming-hall', cap.swimmingHall.minimumPerDay));
  if (seated && (input.visitingProducer === true || kind === 'visiting-production')) {
    const { minimum, maximum } = cap.visitingProducer;
    rules.push(floor('visiting-producer', minimum, minimum, maximum));
  }
  return rules;
}

function floor(rule: CapRuleId, minimum: number, min = minimum, max: number | null = null): CapRule {
  return { rule, minimum, range: { min, max } };
}
