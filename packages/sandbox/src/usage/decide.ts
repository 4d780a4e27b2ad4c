import { decideUsage, toUsageEvent } from '@kaiku-scanner/core';
import { makeProblem } from '@kaiku-scanner/core/contract';
import type { CardRecord, EarlierUsage, Problem, Tickets, UsageRequest } from '@kaiku-scanner/core/contract';
import type { ShowConfig } from '../db/repository.js';

export type ServerDecision =
  | {
      readonly ok: true;
      readonly tickets: Tickets;
      /** Tickets added to the tally (beyond the booking, for a collection). */
      readonly counted: number;
      /** For a collection: the tickets its booking already held. */
      readonly covered: number;
    }
  | { readonly ok: false; readonly problem: Problem };

export type DecisionInput = {
  readonly usage: UsageRequest;
  readonly card: CardRecord;
  readonly show: ShowConfig;
  /** Card-holder tickets already given for the show (all terminals), read inside the write transaction. */
  readonly ticketsGiven: number;
  /** For a collection: the tickets this card's uncollected bookings for the show hold in the tally. */
  readonly bookedUncollected: number;
  /** The card's usages for the show, read inside the write transaction (`already-used`). */
  readonly earlierUsages: readonly EarlierUsage[];
  /** Problems with the group members' own cards, found in the registry (unregistered, inactive). */
  readonly memberReasons: readonly { code: string; params: Record<string, unknown> }[];
  readonly now: Date;
};

/**
 * The server's decision, by the same rules core the SDK runs locally (`decideUsage`), with the
 * server's own data: the registry's card record, the show's stored settings and the tally
 * read inside the transaction. A refusal becomes a 422 problem whose `code` is the first rule
 * code and whose `reasons` list every one.
 */
export function decide(input: DecisionInput): ServerDecision {
  const { usage, card, show } = input;
  const decision = decideUsage({
    card,
    event: toUsageEvent(show, { ticketsGiven: input.ticketsGiven }),
    request: {
      mode: usage.mode,
      childTickets: usage.childTickets,
      ...(usage.group ? { group: usage.group } : {}),
      ...(usage.mode === 'collection' ? { alreadyCounted: input.bookedUncollected } : {}),
    },
    now: input.now,
    earlierUsages: input.earlierUsages,
  });
  const reasons = [
    ...(decision.ok
      ? []
      : decision.reasons.map((r) => ({ code: r.code, params: { ...r.params }, en: r.message.en }))),
    ...input.memberReasons.map((r) => ({
      ...r,
      en: `Group member card refused (${String(r.params.cause)}).`,
    })),
  ];
  if (decision.ok && reasons.length === 0) {
    return {
      ok: true,
      tickets: decision.tickets,
      counted: decision.countedAgainstCap,
      covered: decision.coveredByBooking,
    };
  }
  const first = reasons[0]!;
  return {
    ok: false,
    problem: makeProblem(422, first.code, 'Usage refused by the operating model', {
      detail: reasons.map((r) => r.en).join(' '),
      reasons: reasons.map(({ code, params }) => ({ code, params: stripUndefined(params) })),
    }),
  };
}

function stripUndefined(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

/**
 * Checks the group members' own cards against the registry: each must be registered, active and
 * valid today. (Format, duplicates and community cards among members are the rules core's checks.)
 */
export function checkMemberCards(
  memberIds: readonly string[],
  getCard: (id: string) => CardRecord | undefined,
  today: string,
): { code: string; params: Record<string, unknown> }[] {
  return memberIds.flatMap((id, index) => {
    const card = getCard(id);
    const cause = !card
      ? 'card-not-registered'
      : card.status !== 'active'
        ? `card-${card.status === 'use-ban' ? 'use-banned' : card.status}`
        : card.validUntil < today
          ? 'card-expired'
          : undefined;
    return cause ? [{ code: 'group-member-invalid', params: { position: index + 1, cause } }] : [];
  });
}
