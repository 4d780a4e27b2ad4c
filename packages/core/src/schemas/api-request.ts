/** The request side of the Kaikukanta contract (usages, batches, list queries): all the outbox needs. */
import * as z from 'zod/mini';
import { ChannelSchema, ShowKindSchema, UsageModeSchema } from './api-enums.js';
import { coercedNumber, isoDate, isoDateTime, plainId, pure, text, wholeNumber } from './schema-parts.js';
import { TerminalNameSchema } from './usage-input.js';

/** A card ID as Kaikukanta stores it: upper-case letters and digits, no spaces. */
export const CardIdSchema = /* @__PURE__ */ pure(() => z.string().check(z.regex(/^[A-Z0-9]{2,32}$/)));

/**
 * The body of a card look-up (`POST v1/cards/lookup`): the card ID travels in the body, never in the URL (URLs
 * end up in access logs, proxies and `performance` entries); an unknown member is refused, naming it. `forShow`
 * (optional, 0.3): the answer then carries the card's booking for that show of that venue, if it has one.
 */
export const CardLookupRequestSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    cardId: CardIdSchema,
    forShow: z.optional(z.strictObject({ venueId: plainId(128), showId: plainId(128) })),
  }),
);
/** The body of a card look-up. */
export type CardLookupRequest = z.infer<typeof CardLookupRequestSchema>;

/** The body of a void: `{}` (the usage is in the path; any field is refused as unknown). */
export const VoidRequestSchema = /* @__PURE__ */ pure(() => z.strictObject({}));

/** The show or course a usage is for. `cap` and `seats` are the venue's settings, when it sends them. */
export const ShowSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    id: plainId(128),
    name: text(1, 300),
    start: isoDateTime(),
    kind: ShowKindSchema,
    /** Seats or places of the show (for percent caps and small-show rules). */
    seats: z.optional(wholeNumber(0)),
    /** Tickets for card holders per show (per day for swimming halls); absent = the server's setting. */
    cap: z.optional(wholeNumber(0)),
  }),
);
/** The show or course a usage is for (`toApiShow(show)` builds it from the show's settings). */
export type Show = z.infer<typeof ShowSchema>;

/** A community card's group: every member aged 16+ has and shows their own card. */
export const GroupSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    memberCardIds: z.array(CardIdSchema).check(z.maxLength(50)),
    under16Clients: wholeNumber(0, 50),
  }),
);
/** A community card's group: the members' card IDs (16+) and the count of younger members. */
export type Group = z.infer<typeof GroupSchema>;

/** Most child tickets one usage may carry (the client's form, the report import and the register keep to it). */
export const MAX_CHILD_TICKETS = 20;

/**
 * One Kaikukortti usage: one adult ticket (always exactly one, implied) plus `childTickets`.
 * `forVenueId` is set when a ticket agent sells for another venue's event.
 */
export const UsageRequestSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    venueId: plainId(128),
    show: ShowSchema,
    cardId: CardIdSchema,
    childTickets: wholeNumber(0, MAX_CHILD_TICKETS),
    group: z.optional(GroupSchema),
    channel: ChannelSchema,
    forVenueId: z.optional(plainId(128)),
    mode: UsageModeSchema,
    /** When the clerk registered it on the terminal (may be long before sync for queued usages). */
    clientTime: isoDateTime(),
    /** The terminal's name (`Kassa 2`, ≤ 40 characters): where, in an `already-used` refusal of a later usage. */
    terminal: z.optional(TerminalNameSchema),
  }),
);
/** The body of a usage registration: venue, show, card ID, tickets, channel, mode, the client's time and terminal. */
export type UsageRequest = z.infer<typeof UsageRequestSchema>;

/** An idempotency key: 8–255 visible ASCII characters (a UUID is the usual choice). */
export const IdempotencyKeySchema = /* @__PURE__ */ pure(() =>
  z.string().check(z.regex(/^[\x21-\x7e]{8,255}$/)),
);

/** Most usages one batch request may carry (the outbox sends larger queues in several batches). */
export const BATCH_MAX_ITEMS = 100;

/**
 * One usage of a batch with its idempotency key. `admitted` (0.4): the terminal gave the ticket before this send —
 * the usage waited in its outbox while the server was out of reach — so a refusal as `already-used` is a card
 * admitted twice, which the server records as a conflict (`ConflictSchema`). Outside `usage`: a resend with it
 * replays the same key and body.
 */
export const BatchItemSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({
    idempotencyKey: IdempotencyKeySchema,
    usage: UsageRequestSchema,
    admitted: z.optional(z.boolean()),
  }),
);
/** One usage of a batch with its idempotency key. */
export type BatchItem = z.infer<typeof BatchItemSchema>;

/** The body of a batch registration: 1 to `BATCH_MAX_ITEMS` items. */
export const BatchRequestSchema = /* @__PURE__ */ pure(() =>
  z.strictObject({ items: z.array(BatchItemSchema).check(z.minLength(1), z.maxLength(BATCH_MAX_ITEMS)) }),
);
/** The body of a batch registration. */
export type BatchRequest = z.infer<typeof BatchRequestSchema>;

/**
 * Query of the list-usages endpoint: a venue's usages whose show starts in [from, to] (dates,
 * inclusive, Europe/Helsinki calendar days). Includes usages an agent registered for this venue.
 */
export const UsageListQuerySchema = /* @__PURE__ */ pure(() =>
  z.object({
    venueId: plainId(128),
    from: isoDate(),
    to: isoDate(),
    cursor: z.optional(text(1, 512)),
    limit: z.optional(coercedNumber().check(z.int(), z.minimum(1), z.maximum(1000))),
  }),
);
/** The query of a usage listing (venue, time range, page). */
export type UsageListQuery = z.infer<typeof UsageListQuerySchema>;

/**
 * Query of the list-shows endpoint: a venue's performances starting in [from, to] (dates, inclusive, Europe/Helsinki
 * calendar days, at most 31 days): what an import matches a file's rows to (docs/api.md, "One performance, one ID").
 */
export const ShowListQuerySchema = /* @__PURE__ */ pure(() =>
  z.object({ venueId: plainId(128), from: isoDate(), to: isoDate() }),
);
/** The query of a show listing (venue, date range). */
export type ShowListQuery = z.infer<typeof ShowListQuerySchema>;
