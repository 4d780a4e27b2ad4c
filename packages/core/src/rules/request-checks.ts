/** Rules about what is asked for with the card: children, course places, a community card's group. */
import { parseCardId } from '../card-id/parse-card-id.js';
import type { CardKind } from '../card-id/card-id-format.js';
import { createReason } from './rules-input.js';
import type { UsageCard, TicketRequestSchema } from '../schemas/usage-input.js';
import type * as z from 'zod/mini';
import type { UsageReason } from './usage-types.js';

type TicketRequest = z.infer<typeof TicketRequestSchema>;

/** A request checked against the card kind, with the group members' canonical IDs. */
type RequestCheck = { readonly reasons: UsageReason[]; readonly memberIds: string[] };

/**
 * Client cards: children up to the registered minors, none on course places, no group. Community cards: no
 * course places, no children, never without a group, every member 16+ on their own client card, each once.
 */
export function checkRequest(
  kind: CardKind,
  card: UsageCard,
  request: TicketRequest,
  isCourse: boolean,
  cardId: string | undefined,
): RequestCheck {
  return kind === 'client' ? checkClient(card, request, isCourse) : checkCommunity(request, isCourse, cardId);
}

function checkClient(card: UsageCard, request: TicketRequest, isCourse: boolean): RequestCheck {
  const reasons: UsageReason[] = [];
  const requested = request.childTickets;
  const registered = card.minors;
  if (requested > registered) reasons.push(createReason('too-many-children', { requested, registered }));
  if (isCourse && request.childTickets > 0) reasons.push(createReason('children-on-course', {}));
  const group = request.group;
  if (group && (group.memberCardIds.length > 0 || group.under16Clients > 0))
    reasons.push(createReason('group-on-client-card', {}));
  return { reasons, memberIds: [] };
}

function checkCommunity(request: TicketRequest, isCourse: boolean, cardId: string | undefined): RequestCheck {
  const reasons: UsageReason[] = [];
  if (isCourse) reasons.push(createReason('community-card-on-course', {}));
  if (request.childTickets > 0) reasons.push(createReason('children-on-community-card', {}));
  const members = request.group?.memberCardIds ?? [];
  if (members.length === 0 && (request.group?.under16Clients ?? 0) === 0)
    reasons.push(createReason('community-card-without-group', {}));
  const seen = new Set<string>(cardId === undefined ? [] : [cardId]);
  const memberIds: string[] = [];
  members.forEach((raw, index) => {
    const position = index + 1;
    const parsed = parseCardId(raw);
    if (!parsed.ok)
      return void reasons.push(createReason('group-member-invalid', { position, cause: parsed.error.code }));
    if (parsed.kind === 'community') reasons.push(createReason('group-member-community-card', { position }));
    else if (seen.has(parsed.id)) reasons.push(createReason('group-member-duplicate', { position }));
    seen.add(parsed.id);
    memberIds.push(parsed.id);
  });
  return { reasons, memberIds };
}
