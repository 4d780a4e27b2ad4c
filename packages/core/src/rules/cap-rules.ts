/** Which cap rules apply to a show, and the minimum each allows. */
import type { CapPolicy } from '../policy/operating-model-policy.js';
import type { CapSettingData } from '../schemas/show-config.js';

/**
 * A cap rule id (stable).
 *
 * @example
 * const rule: CapRuleId = 'visiting-producer';
 */
export type CapRuleId =
  | 'min-percent'
  | 'small-show'
  | 'course'
  | 'tiny-show'
  | 'mass-event'
  | 'swimming-hall'
  | 'visiting-producer';

/**
 * A rule that applies, with the lowest cap it allows and its range (`max: null` = no upper end).
 *
 * @example
 * applicableCapRules({ capacity: 8, cap: 0, kind: 'show' }, POLICY_2025.cap); // CapRule[]
 */
export type CapRule = {
  readonly rule: CapRuleId;
  readonly minimum: number;
  readonly range: { readonly min: number; readonly max: number | null };
};

const NOT_SEATED = new Set(['course', 'swimming-hall']);

/**
 * Every rule that applies to the show, the general percent rule first. Kinds follow the API's `ShowKind`:
 * `small-show`, `cinema`, `exhibition` are shows; `mass-event` is a festival; `visiting-production` is a
 * show whose cap a visiting producer sets.
 *
 * @example
 * applicableCapRules({ capacity: 40, cap: 2, kind: 'show' }, POLICY_2025.cap).map((r) => r.rule); // ['min-percent', 'small-show']
 */
export function applicableCapRules(input: CapSettingData, cap: CapPolicy): CapRule[] {
  const { capacity, kind } = input;
  const percent = Math.ceil((capacity * cap.minPercent) / 100 - 1e-9);
  const rules: CapRule[] = [{ rule: 'min-percent', minimum: percent, range: { min: percent, max: null } }];
  const seated = !NOT_SEATED.has(kind);
  if (kind === 'course') rules.push(floor('course', cap.course.minimum));
  if (seated && capacity <= cap.smallShow.maxSeats) rules.push(floor('small-show', cap.smallShow.minimum));
  if (seated && cap.tinyShow && capacity <= cap.tinyShow.maxSeats) {
    rules.push({
      rule: 'tiny-show',
      minimum: cap.tinyShow.minimum,
      range: { min: cap.tinyShow.minimum, max: cap.tinyShow.maximum },
    });
  }
  if (seated && capacity > cap.massEvent.moreThanPeople)
    rules.push(floor('mass-event', cap.massEvent.minimum));
  if (kind === 'swimming-hall' && cap.swimmingHall)
    rules.push(floor('swimming-hall', cap.swimmingHall.minimumPerDay));
  if (seated && (input.visitingProducer === true || kind === 'visiting-production')) {
    const { minimum, maximum } = cap.visitingProducer;
    rules.push({ rule: 'visiting-producer', minimum, range: { min: minimum, max: maximum } });
  }
  return rules;
}

function floor(rule: CapRuleId, minimum: number): CapRule {
  return { rule, minimum, range: { min: minimum, max: null } };
}
