import { decideUsage } from '@kaiku-scanner/core';
import type { CardStatus, ShowKind } from '@kaiku-scanner/core';
import type { DecideInput, Decision } from './services.js';

/**
 * Asks the rules core; the element never decides anything itself. A card accepted offline on its format alone
 * (no record, no cache) is decided as an active card without registered minors: children cannot be verified.
 */
export function decideWithCore(input: DecideInput): Decision {
  const { card, show, request, cap, mode, now } = input;
  const unverified = card.status === 'unverified';
  const result = decideUsage({
    card: {
      id: card.id,
      status: (unverified ? 'active' : card.status) as CardStatus,
      validUntil: unverified ? show.start.slice(0, 10) : card.validUntil,
      minors: card.minors,
    },
    event: {
      kind: show.kind as ShowKind,
      start: show.start,
      ...(show.seats === undefined ? {} : { seats: show.seats }),
      ...(show.bookingWindow ? { bookingWindow: show.bookingWindow } : {}),
      ...(show.collectionWindow ? { collectionWindow: show.collectionWindow } : {}),
      ...(show.visitingProducer === undefined ? {} : { visitingProducer: show.visitingProducer }),
      ...(show.policyVersion ? { policyVersion: show.policyVersion } : {}),
      cap: cap ? cap.cap : (show.cap ?? null),
      ticketsGiven: cap?.given ?? 0,
    },
    request: {
      mode,
      childTickets: request.children,
      ...(card.kind === 'community' || request.groupCardIds.length > 0 || request.under16 > 0
        ? { group: { memberCardIds: [...request.groupCardIds], under16Clients: request.under16 } }
        : {}),
      // Collecting a booked ticket: the booking already counted against the cap.
      countedInTally: mode === 'collection',
    },
    now,
  });
  if (result.ok) return { ok: true, total: result.tickets.total };
  return { ok: false, reasons: result.reasons.map((r) => ({ code: r.code, message: r.message })) };
}
