/**
 * `decideUsage`: may this card get these tickets for this show or course now? Lists every reason. The checks of the
 * card, the cap and the windows are here; those shared with report imports are `already-used.ts`, `request-checks.ts`.
 */
import { parseCardId } from '../card-id/parse-card-id.js';
import type { OperatingModelPolicy, UsagePolicy } from '../policy/policies.js';
import { createReason, withRulesInput } from './rules-input.js';
import { type DecideUsageData, type UsageCard, DecideUsageInputSchema } from '../schemas/usage-input.js';
import { CARD_STATUS_REFUSALS } from '../schemas/api-enums.js';
import type { TimeWindow } from '../schemas/show-config.js';
import { checkAlreadyUsed } from './already-used.js';
import { formatHelsinki, helsinkiBefore, helsinkiDate, toDate } from './helsinki-time.js';
import { checkRequest } from './request-checks.js';
import type { DecideUsageInput, UsageDecision, UsageReason, UsageTickets } from './usage-types.js';

/**
 * Decides a usage by the operating model: card status and validity (Helsinki calendar, last day
 * inclusive), children against the registered minors, course places, community-card groups, the cap
 * (children and group tickets count as the policy says), and the booking or collection window. A collection
 * hands out what its booking holds (`request.alreadyCounted`) without counting it again; tickets beyond the
 * booking are new and count against the cap. One usage per card and show (`earlierUsages`: `already-used`),
 * the collection of its own booking being the booking's usage.
 * Never throws; a refusal lists every reason, each with a code and a fi/sv/en message.
 *
 * @example
 * decideUsage({
 *   card: { id: 'A999005458', status: 'active', validUntil: '2026-01-09', minors: 2 },
 *   event: { kind: 'show', start: '2025-12-06T18:00:00+02:00', cap: 6, ticketsGiven: 2 },
 *   request: { mode: 'booking', childTickets: 2 },
 *   now: '2025-12-01T10:00:00+02:00',
 * }); // { ok: true, tickets: { adult: 1, children: 2, groupMembers: 0, under16Clients: 0, total: 3 }, … }
 */
export function decideUsage(input: DecideUsageInput): UsageDecision {
  const refuse = (reasons: UsageReason[]): UsageDecision => ({ ok: false, reasons });
  return withRulesInput(input, DecideUsageInputSchema, (d) => d.event.policyVersion, decideParsed, refuse);
}

function decideParsed(data: DecideUsageData, policy: OperatingModelPolicy): UsageDecision {
  const { card, event, request } = data;
  const now = toDate(data.now) as Date;
  const start = toDate(event.start) as Date;
  const parsedId = parseCardId(card.id);
  const reasons: UsageReason[] = [];
  if (!parsedId.ok) reasons.push(createReason('card-id-invalid', { cause: parsedId.error.code }));
  reasons.push(...checkCard(card, now));
  reasons.push(...checkAlreadyUsed(request.mode, data.earlierUsages, event.kind, policy.usage));
  const cardId = parsedId.ok ? parsedId.id : undefined;
  const checked = parsedId.ok
    ? checkRequest(parsedId.kind, card, request, event.kind === 'course', cardId)
    : { reasons: [], memberIds: [] };
  reasons.push(...checked.reasons);
  const under16Clients =
    parsedId.ok && parsedId.kind === 'community' ? (request.group?.under16Clients ?? 0) : 0;
  const tickets = { children: request.childTickets, groupMembers: checked.memberIds.length, under16Clients };
  const counted = ticketsAgainstCap(tickets, policy.usage);
  const coveredByBooking = request.mode === 'collection' ? Math.min(request.alreadyCounted, counted) : 0;
  const extra = counted - coveredByBooking;
  const path = 'request.alreadyCounted';
  if (request.mode !== 'collection' && request.alreadyCounted > 0)
    reasons.push(createReason('invalid-input', { path, problem: 'collection-only' }));
  if (extra > 0) reasons.push(...checkCap(event.cap, event.ticketsGiven, extra));
  const window = request.mode === 'booking' ? event.bookingWindow : event.collectionWindow;
  reasons.push(...checkWindow(request.mode, window, start, now));
  if (reasons.length > 0 || cardId === undefined) return { ok: false, reasons };
  const hasCap = event.cap !== null && event.cap !== undefined;
  return {
    ok: true,
    cardId,
    tickets: {
      adult: 1,
      ...tickets,
      total: 1 + tickets.children + tickets.groupMembers + tickets.under16Clients,
    },
    groupMemberCardIds: checked.memberIds,
    countedAgainstCap: hasCap ? extra : 0,
    coveredByBooking,
    remainingAfter: hasCap ? Math.max(0, (event.cap as number) - event.ticketsGiven - extra) : null,
    policyVersion: policy.version,
  };
}

/**
 * The card itself: a non-active status, or a validity that ended. The last valid day is inclusive and read on the
 * Helsinki calendar (00.30 Finnish time on the next day is already too late, even while it is still the last day in UTC).
 */
function checkCard(card: UsageCard, now: Date): UsageReason[] {
  const reasons: UsageReason[] = [];
  if (card.status !== 'active') reasons.push(createReason(CARD_STATUS_REFUSALS[card.status], {}));
  const today = helsinkiDate(now);
  const validUntil = finnishDate(card.validUntil);
  if (today > card.validUntil)
    reasons.push(createReason('card-expired', { validUntil, today: finnishDate(today) }));
  return reasons;
}

/** `YYYY-MM-DD` as Finns write it (`9.1.2026`). */
function finnishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day}.${month}.${year}`;
}

/** How many of a usage's tickets count against the cap under `policy` (the adult ticket always does). */
function ticketsAgainstCap(tickets: Omit<UsageTickets, 'adult' | 'total'>, policy: UsagePolicy): number {
  return (
    1 +
    (policy.childrenCountAgainstCap ? tickets.children : 0) +
    (policy.groupMembersCountAgainstCap ? tickets.groupMembers : 0) +
    (policy.under16ClientsCountAgainstCap ? tickets.under16Clients : 0)
  );
}

/**
 * The per-show cap at usage time (`null`/`undefined`: no cap): `cap-reached` when nothing is left, `cap-exceeded`
 * when the request does not fit in what is left. The cap is not a quota: it only limits, it never reserves.
 */
function checkCap(cap: number | null | undefined, given: number, requested: number): UsageReason[] {
  if (cap === null || cap === undefined) return [];
  const remaining = Math.max(0, cap - given);
  const params = { cap, given, requested, remaining };
  if (remaining === 0) return [createReason('cap-reached', params)];
  if (requested > remaining) return [createReason('cap-exceeded', params)];
  return [];
}

/**
 * `now` outside the booking (or collection) window (000 §9: booking from one month before, collection from e.g. 30
 * minutes before). Against the show's start the latest opening bound and the earliest closing bound apply; a missing
 * bound is open; both bounds are inclusive.
 */
function checkWindow(
  mode: 'booking' | 'collection',
  window: TimeWindow | undefined,
  start: Date,
  now: Date,
): UsageReason[] {
  if (!window) return [];
  // Each bound given as an instant (NaN when absent); no bound is -Infinity/Infinity, which never refuses.
  const bound = (at: TimeWindow['opensAt'], before: TimeWindow['opensBeforeStart']) =>
    [toDate(at), before && helsinkiBefore(start, before)].map(Number).filter((t) => !Number.isNaN(t));
  const opens = Math.max(...bound(window.opensAt, window.opensBeforeStart));
  const closes = Math.min(...bound(window.closesAt, window.closesBeforeStart));
  const reasons: UsageReason[] = [];
  if (now.getTime() < opens) {
    const opensAt = formatHelsinki(new Date(opens));
    reasons.push(createReason(mode === 'booking' ? 'booking-not-open' : 'collection-not-open', { opensAt }));
  }
  if (now.getTime() > closes) {
    const closesAt = formatHelsinki(new Date(closes));
    reasons.push(createReason(mode === 'booking' ? 'booking-closed' : 'collection-closed', { closesAt }));
  }
  return reasons;
}
