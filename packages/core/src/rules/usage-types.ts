/** Types of `decideUsage`'s input and output. */
import type * as z from 'zod/mini';
import type { RulesMessageCode } from '../messages/rules.js';
import type { RenderedReason } from '../messages/index.js';
import type { OperatingModelPolicy } from '../policy/policies.js';
import type { DecideUsageInputSchema } from '../schemas/usage-input.js';
import type { Tickets } from '../schemas/api-responses.js';

/** Read-only all the way down, so `as const` data and frozen records are accepted. */
type DeepReadonly<T> = T extends Date
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** `decideUsage`'s input: card record, show, request, time, and optionally the policy (object or version). */
export type DecideUsageInput = DeepReadonly<z.input<typeof DecideUsageInputSchema>> & {
  readonly policy?: OperatingModelPolicy | string;
};

/** Codes a usage refusal can carry. */
export type UsageRefusalCode = Exclude<
  RulesMessageCode,
  'cap-below-minimum' | 'void-window-closed' | 'void-clock-behind'
>;

/** One reason of a refusal: `{ code, params, message }`. */
export type UsageReason = RenderedReason<UsageRefusalCode>;

/** The tickets of one usage: always exactly one adult ticket (the card holder's). The API's `Tickets`. */
export type UsageTickets = Readonly<Tickets>;

/** An allowed usage. */
export type UsageAllowed = {
  readonly ok: true;
  /** The canonical card ID. */
  readonly cardId: string;
  readonly tickets: UsageTickets;
  /** Canonical IDs of the group members' own cards (each is recorded on its own card). */
  readonly groupMemberCardIds: readonly string[];
  /** Tickets this usage adds to the show's tally (per the policy, beyond its booking); 0 when no cap applies. */
  readonly countedAgainstCap: number;
  /** For a collection: the tickets its booking already held in the tally (handed out without counting again). */
  readonly coveredByBooking: number;
  /** Tickets left under the cap after this usage, or `null` without a cap. */
  readonly remainingAfter: number | null;
  readonly policyVersion: string;
};

/** A refused usage, with every reason. */
export type UsageRefused = { readonly ok: false; readonly reasons: readonly UsageReason[] };

/** The result of `decideUsage`. */
export type UsageDecision = UsageAllowed | UsageRefused;
