// The element's request as the core takes it, once for the rules and the usage, for every services implementation.
import { decideUsage, parseCardId, toApiShow, toUsageEvent } from '@kaiku-scanner/core';
import { MAX_CHILD_TICKETS } from '@kaiku-scanner/core/contract';
import type { CardStatus, ShowKind, UsageRequest } from '@kaiku-scanner/core/contract';
import type {
  CardView,
  CoreServicesOptions,
  DecideInput,
  Decision,
  Reason,
  TicketRequest,
  UsageInput,
} from './types.js';
import { render } from '../messages/index.js';
import { serviceMessages } from '../messages/late-texts.js';

/** A group visit's part of a request, when it has one (a community card always does). */
const groupOf = (request: TicketRequest, community = false) =>
  community || request.groupCardIds.length > 0 || request.under16 > 0
    ? { group: { memberCardIds: [...request.groupCardIds], under16Clients: request.under16 } }
    : {};

/** The usage the services register, queue or keep for the clerk's request. */
export const toUsage = (
  options: Pick<CoreServicesOptions, 'venueId' | 'channel' | 'terminalName'>,
  u: UsageInput,
): UsageRequest => ({
  venueId: options.venueId,
  show: toApiShow({ ...u.show, kind: u.show.kind as ShowKind }),
  cardId: u.cardId,
  childTickets: u.request.children,
  ...groupOf(u.request),
  channel: options.channel,
  mode: u.mode,
  clientTime: new Date().toISOString(),
  ...(options.terminalName ? { terminal: options.terminalName } : {}),
});

/** The show the host configured cannot be used (a property or attribute is malformed): a setup error. */
const showInvalid = (fields: readonly string[]): Reason => ({
  code: 'show-invalid',
  message: render(serviceMessages['show-invalid'], { fields: fields.join(', ') }),
});

/** `alreadyCounted` for a collection decided on the terminal: as if the booking covered it (see below). */
const BOOKING_HELD_BY_SERVER = 1_000_000;

/**
 * A card's kind, from its ID's prefix: what the services' look-up puts on screen, whatever answered (Kaikukanta, its
 * cache, the ID's format alone). `lookupCard` takes the bare ID its host's `parseCardId` gave, so it parses it once.
 */
export function cardKindOf(cardId: string): CardView['kind'] {
  const parsed = parseCardId(cardId);
  return parsed.ok && parsed.kind === 'community' ? 'community' : 'client';
}

/**
 * A card as the terminal knows it without Kaikukanta's card data (`registry="none"`; or `"venue"`, whose register holds
 * none): its kind from the ID's prefix; its status and minors are the card's, as the clerk reads them from it.
 */
export function uncheckedCard(cardId: string): CardView {
  // The contract's most minors: the clerk enters the children the card shows.
  return {
    id: cardId,
    kind: cardKindOf(cardId),
    status: 'unchecked',
    validUntil: '',
    minors: MAX_CHILD_TICKETS,
    fromCache: false,
  };
}

/**
 * The services' one decision, of plain data (every services implementation's `decide`): the rules core asked, the
 * `kept` usages of the card for the show (the outbox's, the register's) counting as earlier; a card not looked up in
 * Kaikukanta is decided as active, with the minors it says.
 */
export function decideWithCore(input: DecideInput, kept: readonly UsageRequest[] = []): Decision {
  const { card, show, request, cap, mode, now } = input;
  const earlier = [
    ...input.earlier,
    ...kept
      .filter((u) => u.cardId === card.id && u.show.id === show.id)
      .map((u) => ({ mode: u.mode, at: u.clientTime, ...(u.terminal ? { terminal: u.terminal } : {}) })),
  ];
  const unverified = card.status === 'unverified' || card.status === 'unchecked';
  const result = decideUsage({
    card: {
      id: card.id,
      status: (unverified ? 'active' : card.status) as CardStatus,
      validUntil: unverified ? show.start.slice(0, 10) : card.validUntil,
      minors: card.minors,
    },
    event: toUsageEvent(
      { ...show, kind: show.kind as ShowKind },
      { ticketsGiven: cap?.given ?? 0, ...(cap ? { cap: cap.cap } : {}) },
    ),
    request: {
      mode,
      childTickets: request.children,
      ...groupOf(request, card.kind === 'community'),
      // The terminal does not know the card's booking: for a collection the cap is the server's to apply (it holds
      // the bookings, hands out what was booked and counts or refuses anything beyond it); the rest is checked here.
      ...(mode === 'collection' ? { alreadyCounted: BOOKING_HELD_BY_SERVER } : {}),
    },
    now,
    earlierUsages: earlier,
  });
  if (result.ok)
    return { ok: true, total: result.tickets.total, countedAgainstCap: result.countedAgainstCap };
  // Malformed show settings come back as `invalid-input` at `event.…` paths: one setup error naming the fields,
  // instead of a validator's wording in front of the clerk.
  const showFields = new Set<string>();
  const rest: Reason[] = [];
  for (const r of result.reasons) {
    const path = r.code === 'invalid-input' ? String(r.params.path) : '';
    if (path.startsWith('event.')) showFields.add(path.slice('event.'.length));
    else rest.push({ code: r.code, message: r.message });
  }
  return { ok: false, reasons: [...(showFields.size > 0 ? [showInvalid([...showFields])] : []), ...rest] };
}
