/** The per-show cap at usage time. The cap is not a quota: it only limits, it never reserves. */
import { createReason } from './rules-reason.js';
import type { UsagePolicy } from '../policy/operating-model-policy.js';
import type { UsageReason, UsageTickets } from './usage-types.js';

/**
 * The tickets one usage asks for.
 *
 * @example
 * ticketsAgainstCap({ children: 1, groupMembers: 0, under16Clients: 0 } satisfies RequestedTickets, POLICY_2025.usage);
 */
export type RequestedTickets = Omit<UsageTickets, 'adult' | 'total'>;

/**
 * How many of a usage's tickets count against the cap under `policy` (the adult ticket always does).
 *
 * @example
 * ticketsAgainstCap({ children: 2, groupMembers: 0, under16Clients: 0 }, POLICY_2025.usage); // 3
 */
export function ticketsAgainstCap(tickets: RequestedTickets, policy: UsagePolicy): number {
  return (
    1 +
    (policy.childrenCountAgainstCap ? tickets.children : 0) +
    (policy.groupMembersCountAgainstCap ? tickets.groupMembers : 0) +
    (policy.under16ClientsCountAgainstCap ? tickets.under16Clients : 0)
  );
}

/**
 * `cap-reached` when nothing is left, `cap-exceeded` when the request does not fit in what is left.
 * `cap` `null`/`undefined` = no cap.
 *
 * @example
 * checkCap(5, 4, 2); // [cap-exceeded: 2 requested, 1 remaining]
 */
export function checkCap(cap: number | null | undefined, given: number, requested: number): UsageReason[] {
  if (cap === null || cap === undefined) return [];
  const remaining = Math.max(0, cap - given);
  const params = { cap, given, requested, remaining };
  if (remaining === 0) return [createReason('cap-reached', params)];
  if (requested > remaining) return [createReason('cap-exceeded', params)];
  return [];
}
