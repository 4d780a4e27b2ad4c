/**
 * The known versions of the operating model. `POLICY_2025` is the default.
 *
 * The pilot rules (shows for ≤ 10 people: cap 0–1; swimming halls: 20 a day) were introduced as trials
 * for 2020 (004, 001) and 2020–2021 (000). No later source revokes or restates them, so they are kept in
 * every version; a venue that must not use them defines a policy with `tinyShow: null, swimmingHall: null`.
 */
import type { CapPolicy, OperatingModelPolicy, UsagePolicy } from './operating-model-policy.js';
import { definePolicy } from './operating-model-policy.js';
import { ownValue } from '../schemas/own-value.js';
import { SHOW_KINDS } from '../schemas/api-enums.js';

const CAP_2019: CapPolicy = {
  minPercent: 5,
  smallShow: { maxSeats: 50, minimum: 2 },
  course: { minimum: 2 },
  tinyShow: { maxSeats: 10, minimum: 0, maximum: 1 },
  massEvent: { moreThanPeople: 1000, minimum: 20 },
  swimmingHall: { minimumPerDay: 20 },
  visitingProducer: { minimum: 2, maximum: 10 },
};

const USAGE: UsagePolicy = {
  childrenCountAgainstCap: true,
  under16ClientsCountAgainstCap: true,
  groupMembersCountAgainstCap: true,
  oncePerShow: SHOW_KINDS,
  voidWithinMinutes: 15,
};

/**
 * The operating model of 17.9.2019 (Swedish 004, induction slides 001): 5 % minimum cap.
 *
 * @example
 * checkCapSetting({ capacity: 200, cap: 8, kind: 'show', policy: POLICY_2019 }).ok; // false (needs 10)
 */
export const POLICY_2019 = definePolicy({
  version: '2019',
  title: 'Kaikukortti operating model 17.9.2019',
  sources: ['004_ca0fe64faed37762.txt §7.2', '001_2fa94e97ec82d8d9.txt'],
  cap: CAP_2019,
  usage: USAGE,
});

/**
 * The operating model updated 30.10.2020 (000): 5 % minimum cap, pilots for 2020–2021.
 *
 * @example
 * getPolicy('2020') === POLICY_2020; // true
 */
export const POLICY_2020 = definePolicy({
  version: '2020',
  title: 'Kaikukortti operating model, updated 30.10.2020',
  sources: ['000_20b5bd9a9c977981.txt §8.2'],
  cap: CAP_2019,
  usage: USAGE,
});

/**
 * The 2025 checklist (003, 11.4.2025) speaks of a 3 % cap; the rest as in 2020. The default.
 *
 * @example
 * checkCapSetting({ capacity: 200, cap: 6, kind: 'show' }).ok; // true (3 % of 200 = 6)
 */
export const POLICY_2025 = definePolicy({
  version: '2025',
  title: 'Kaikukortti operating model with the 2025 checklist (3 % cap)',
  sources: ['003_5dba624443606ecb.txt', '000_20b5bd9a9c977981.txt §8.2'],
  cap: { ...CAP_2019, minPercent: 3 },
  usage: USAGE,
});

/**
 * Every known version, by version string.
 *
 * @example
 * Object.keys(POLICIES); // ['2019', '2020', '2025']
 */
export const POLICIES: Readonly<Record<string, OperatingModelPolicy>> = /* @__PURE__ */ Object.freeze({
  '2019': POLICY_2019,
  '2020': POLICY_2020,
  '2025': POLICY_2025,
});

/**
 * The default: the newest version.
 *
 * @example
 * DEFAULT_POLICY.version; // '2025'
 */
export const DEFAULT_POLICY: OperatingModelPolicy = POLICY_2025;

/**
 * A policy by version, or `undefined` for an unknown version.
 *
 * @example
 * getPolicy('2019')?.cap.minPercent; // 5
 */
export function getPolicy(version: string): OperatingModelPolicy | undefined {
  return ownValue(POLICIES, version);
}
