/**
 * The operating model's rules as versioned data: the seeds disagree (5 % minimum cap in 2019/2020, 3 % in 2025).
 * The pilots (tiny shows, swimming halls; 000, 001, 004) are never revoked, so every version keeps them.
 */
import { type ShowKind, SHOW_KINDS } from '../schemas/api-enums.js';
import { ownValue } from '../schemas/own-value.js';

/** Minimum cap rules (000 §8.2.2–8.2.3, 004 §7.2.2–7.2.3). `null` = the rule does not exist in this version. */
export type CapPolicy = {
  /** The cap may not be below this percent of the tickets (rounded up to whole tickets). */
  readonly minPercent: number;
  /** Small shows (at most `maxSeats` seats): the cap may be `minimum` tickets per show. */
  readonly smallShow: { readonly maxSeats: number; readonly minimum: number };
  /** Adult-education courses: `minimum` places per course. */
  readonly course: { readonly minimum: number };
  /** Pilot: shows for at most `maxSeats` people may set a cap of `minimum`–`maximum`. */
  readonly tinyShow: { readonly maxSeats: number; readonly minimum: number; readonly maximum: number } | null;
  /** Festivals, big halls, mass events drawing more than `moreThanPeople` at a time: at least `minimum`. */
  readonly massEvent: { readonly moreThanPeople: number; readonly minimum: number };
  /** Pilot: swimming halls, at least `minimumPerDay` card holders a day. */
  readonly swimmingHall: { readonly minimumPerDay: number } | null;
  /** A visiting producer may set `minimum`–`maximum` tickets per show. */
  readonly visitingProducer: { readonly minimum: number; readonly maximum: number };
};

/** How usages count (policy choices the sources leave open). */
export type UsagePolicy = {
  /** Child tickets count against the show's cap (a cap counts tickets, and a child's ticket is a ticket). */
  readonly childrenCountAgainstCap: boolean;
  /** Tickets of under-16 clients of a community card count against the cap. */
  readonly under16ClientsCountAgainstCap: boolean;
  /** Group members' own tickets (each on their own card) count against the cap. */
  readonly groupMembersCountAgainstCap: boolean;
  /**
   * Kinds where a card gets one usage per show (`already-used` for a second). The show ID is the event (a performance,
   * a whole course, a festival or swimming-hall day); a booking and its collection are one usage.
   */
  readonly oncePerShow: readonly ShowKind[];
  /** Minutes after registration a clerk may void a usage (our choice: docs/api.md), never after the start. */
  readonly voidWithinMinutes: number;
};

/** One version of the operating model. */
export type OperatingModelPolicy = {
  readonly version: string;
  readonly title: string;
  /** The seed documents this version is read from. */
  readonly sources: readonly string[];
  readonly cap: CapPolicy;
  readonly usage: UsagePolicy;
};

/**
 * Declares a policy, keeping its literal version.
 *
 * @example
 * const strict = definePolicy({ ...POLICY_2025, version: '2025-strict', cap: { ...POLICY_2025.cap, tinyShow: null } });
 */
export function definePolicy<const P extends OperatingModelPolicy>(policy: P): P {
  return Object.freeze(policy);
}

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

/** The operating model of 17.9.2019 (Swedish 004, induction slides 001): 5 % minimum cap. */
export const POLICY_2019 = definePolicy({
  version: '2019',
  title: 'Kaikukortti operating model 17.9.2019',
  sources: ['004_ca0fe64faed37762.txt §7.2', '001_2fa94e97ec82d8d9.txt'],
  cap: CAP_2019,
  usage: USAGE,
});

/** The operating model updated 30.10.2020 (000): 5 % minimum cap, pilots for 2020–2021. */
export const POLICY_2020 = definePolicy({
  version: '2020',
  title: 'Kaikukortti operating model, updated 30.10.2020',
  sources: ['000_20b5bd9a9c977981.txt §8.2'],
  cap: CAP_2019,
  usage: USAGE,
});

/** The 2025 checklist (003, 11.4.2025) speaks of a 3 % cap; the rest as in 2020. The default. */
export const POLICY_2025 = definePolicy({
  version: '2025',
  title: 'Kaikukortti operating model with the 2025 checklist (3 % cap)',
  sources: ['003_5dba624443606ecb.txt', '000_20b5bd9a9c977981.txt §8.2'],
  cap: { ...CAP_2019, minPercent: 3 },
  usage: USAGE,
});

/** Every known version, by version string. */
export const POLICIES: Readonly<Record<string, OperatingModelPolicy>> = /* @__PURE__ */ Object.freeze({
  '2019': POLICY_2019,
  '2020': POLICY_2020,
  '2025': POLICY_2025,
});

/** The default: the newest version. */
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
