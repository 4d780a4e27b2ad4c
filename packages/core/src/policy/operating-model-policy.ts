/**
 * The operating model's rules as data, with a version: the seeds disagree (5 % minimum cap in the
 * 2019/2020 operating model, 3 % in the 2025 checklist), so a venue picks a version and every rule
 * function takes the policy as an argument.
 */

import type { ShowKind } from '../schemas/api-enums.js';

/**
 * Minimum cap rules (000 §8.2.2–8.2.3, 004 §7.2.2–7.2.3). `null` = the rule does not exist in this version.
 *
 * @example
 * const cap: CapPolicy = { ...POLICY_2025.cap, minPercent: 4 };
 */
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

/**
 * How usages count (policy choices the sources leave open).
 *
 * @example
 * const usage: UsagePolicy = { ...POLICY_2025.usage, childrenCountAgainstCap: false };
 */
export type UsagePolicy = {
  /** Child tickets count against the show's cap (a cap counts tickets, and a child's ticket is a ticket). */
  readonly childrenCountAgainstCap: boolean;
  /** Tickets of under-16 clients of a community card count against the cap. */
  readonly under16ClientsCountAgainstCap: boolean;
  /** Group members' own tickets (each on their own card) count against the cap. */
  readonly groupMembersCountAgainstCap: boolean;
  /**
   * Kinds of show where a card gets one usage per show (`already-used` for a second; the seeds: one adult ticket per
   * purchase, children "to the same event"). The show ID is the event: a performance, a whole course (every session,
   * one place), a festival or swimming-hall day. A booking and its collection are one usage.
   */
  readonly oncePerShow: readonly ShowKind[];
  /**
   * How long after its registration a clerk may void a usage (the seeds are silent: our choice, docs/api.md
   * "Voiding a usage"), and never once the show has started.
   */
  readonly voidWithinMinutes: number;
};

/**
 * One version of the operating model.
 *
 * @example
 * const policy: OperatingModelPolicy = getPolicy('2020') ?? DEFAULT_POLICY;
 */
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
