import { decideUsage, toUsageEvent } from '@kaiku-scanner/core';
import type { CardStatus, ShowKind } from '@kaiku-scanner/core/contract';
import type { DecideInput, Decision, Reason } from './types.js';
import { serviceMessages } from '../messages/late-texts.js';
import { render } from '../messages/index.js';

/** The show the host configured cannot be used (a property or attribute is malformed): a setup error. */
const showInvalid = (fields: readonly string[]): Reason => ({
  code: 'show-invalid',
  message: render(serviceMessages['show-invalid'], { fields: fields.join(', ') }),
});

/** `alreadyCounted` for a collection decided on the terminal: as if the booking covered it (see below). */
const BOOKING_HELD_BY_SERVER = 1_000_000;

/**
 * Asks the rules core; the element never decides anything itself. A card accepted offline on its format alone
 * (no record, no cache) is decided as an active card without registered minors: children cannot be verified.
 */
export function decideWithCore(input: DecideInput): Decision {
  const { card, show, request, cap, mode, now, earlier } = input;
  const unverified = card.status === 'unverified';
  const result = decideUsage({
    card: {
      id: card.id,
      status: (unverified ? 'active' : card.status) as CardStatus,
      validUntil: unverified ? show.start.slice(0, 10) : card.validUntil,
      minors: card.minors,
    },
    event: toUsageEvent(
      { ...show, kind: show.kind as ShowKind },
      {
        ticketsGiven: cap?.given ?? 0,
        ...(cap ? { cap: cap.cap } : {}),
      },
    ),
    request: {
      mode,
      childTickets: request.children,
      ...(card.kind === 'community' || request.groupCardIds.length > 0 || request.under16 > 0
        ? { group: { memberCardIds: [...request.groupCardIds], under16Clients: request.under16 } }
        : {}),
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
  return {
    ok: false,
    reasons: [...(showFields.size > 0 ? [showInvalid([...showFields])] : []), ...rest],
  };
}
