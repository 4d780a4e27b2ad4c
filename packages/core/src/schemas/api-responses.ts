/**
 * The response side of the Kaikukanta contract: what the server answers (problems, card records, results,
 * tallies, batch outcomes, usage lists, health). Only the HTTP client (and the sandbox) need these.
 */
import * as z from 'zod/mini';
import { CardKindSchema, CardPrefixSchema, CardStatusSchema, ShowKindSchema } from './api-enums.js';
import { ChannelSchema } from './api-enums.js';
import { CardIdSchema, IdempotencyKeySchema, UsageRequestSchema } from './api-request.js';
import { isoDate, isoDateTime, pure, text, wholeNumber } from './schema-parts.js';
import { TerminalNameSchema } from './usage-input.js';

/**
 * Problem codes the Kaikukanta contract defines itself (transport, auth, idempotency, validation).
 * Refusals decided by the operating-model rules use the rules core's refusal codes instead
 * (`packages/core/src/rules/`), so a client shows the same text whether the rule was applied
 * locally or by the server.
 */
export const API_PROBLEM_CODES = {
  invalidRequest: 'invalid-request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  agentNotAuthorized: 'agent-not-authorized',
  notFound: 'not-found',
  cardNotRegistered: 'card-not-registered',
  usageNotFound: 'usage-not-found',
  showNotFound: 'show-not-found',
  idempotencyKeyMissing: 'idempotency-key-missing',
  idempotencyKeyInProgress: 'idempotency-key-in-progress',
  idempotencyKeyReused: 'idempotency-key-reused',
  batchTooLarge: 'batch-too-large',
  methodNotAllowed: 'method-not-allowed',
  requestTimeout: 'request-timeout',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  expectationFailed: 'expectation-failed',
  hostNotAllowed: 'host-not-allowed',
  headersTooLarge: 'headers-too-large',
  rateLimited: 'rate-limited',
  internalError: 'internal-error',
  unavailable: 'unavailable',
} as const;
/** A stable problem code of the contract (`API_PROBLEM_CODES`), e.g. `'card-not-registered'`. */
export type ApiProblemCode = (typeof API_PROBLEM_CODES)[keyof typeof API_PROBLEM_CODES];

/** Base of the `type` URIs of problems (RFC 9457 §3.1.1); `type` is this plus the code. */
export const PROBLEM_TYPE_BASE = 'https://kaiku-scanner.dev/problems/';

/** One reason of a refusal, as the rules core lists them (`{ code, params }`). */
export const ProblemReasonSchema = /* @__PURE__ */ pure(() =>
  z.object({
    code: text(1),
    /** Plain, non-personal values for the message (numbers, strings, lists of them). */
    params: z.optional(z.record(z.string(), z.unknown())),
  }),
);
/** One reason of a refusal: a stable code and plain parameters. */
export type ProblemReason = z.infer<typeof ProblemReasonSchema>;

/**
 * The params of an `already-used` reason: when the card's earlier usage for the show was registered (the latest,
 * not voided) and where (its terminal's name, when it was sent one).
 */
export const AlreadyUsedParamsSchema = /* @__PURE__ */ pure(() =>
  z.object({ at: isoDateTime(), terminal: z.optional(TerminalNameSchema) }),
);

/**
 * RFC 9457 problem details (`application/problem+json`) with the contract's extension members.
 * `code` is stable and machine-readable; `title`/`detail` are for humans and may change.
 * Unknown extension members are allowed (RFC 9457 §3.2) and kept.
 */
export const ProblemSchema = /* @__PURE__ */ pure(() =>
  z.looseObject({
    type: text(1),
    title: z.string(),
    status: wholeNumber(400, 599),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    /** Stable code: one of `API_PROBLEM_CODES` or a refusal code of the rules core. */
    code: text(1),
    /** Every reason of a refusal (a usage can break several rules at once). */
    reasons: z.optional(z.array(ProblemReasonSchema)),
    /**
     * Validation issues of an `invalid-request`: the field's path, a stable problem code (`unknown-field`,
     * `missing`, `wrong-type`, `not-whole`, `too-small`, `too-large`, `bad-format`, `not-allowed`, `invalid`)
     * and, for an unknown field, the field it probably meant. Never values.
     */
    issues: z.optional(
      z.array(z.object({ path: z.string(), code: z.string(), suggestion: z.optional(z.string()) })),
    ),
  }),
);
/** A problem document (RFC 9457) as Kaikukanta answers a refused request: `code`, `status`, `reasons`, `issues`. */
export type Problem = z.infer<typeof ProblemSchema>;

/** Builds a problem object with the conventional `type` URI. */
export function makeProblem(
  status: number,
  code: string,
  title: string,
  extra: Partial<Omit<Problem, 'status' | 'code' | 'title'>> = {},
): Problem {
  return { type: PROBLEM_TYPE_BASE + code, title, status, code, ...extra };
}

/**
 * What a venue may see of a card (manual 002 §5). Expiry is not a status: compare `validUntil`
 * (last valid day, inclusive) with the show's date.
 */
export const CardRecordSchema = /* @__PURE__ */ pure(() =>
  z.object({
    id: CardIdSchema,
    prefix: CardPrefixSchema,
    kind: CardKindSchema,
    status: CardStatusSchema,
    validUntil: isoDate(),
    renewedAt: z.optional(isoDate()),
    /** Registered under-18 children/grandchildren of the household (client cards; 0 for community cards). */
    minors: wholeNumber(0, 20),
  }),
);
/** A card as Kaikukanta knows it: ID, kind, status, validity, registered minors. Nothing about the holder. */
export type CardRecord = z.infer<typeof CardRecordSchema>;

/** Tickets given by one usage. `total` = adult + children + groupMembers + under16Clients. */
export const TicketsSchema = /* @__PURE__ */ pure(() =>
  z.object({
    adult: z.literal(1),
    children: wholeNumber(0),
    groupMembers: wholeNumber(0),
    under16Clients: wholeNumber(0),
    total: wholeNumber(1),
  }),
);
/** Tickets given by one usage (`total` = adult + children + group members + under-16 clients). */
export type Tickets = z.infer<typeof TicketsSchema>;

/**
 * The card's booking for the show a look-up named (`forShow`): who registered it (the venue's or its ticket agent's
 * ID, never a person), the channel, when, its tickets, and its collection (when and where) once collected.
 */
export const CardBookingSchema = /* @__PURE__ */ pure(() =>
  z.object({
    by: text(1, 128),
    channel: ChannelSchema,
    at: isoDateTime(),
    tickets: TicketsSchema,
    collected: z.optional(AlreadyUsedParamsSchema),
  }),
);
/** The card's booking for a show: by whom (a venue or agent ID), channel, when, tickets, collected or not. */
export type CardBooking = z.infer<typeof CardBookingSchema>;

/** The answer to a look-up: the card record, and its booking when `forShow` named a show it is booked for. */
export const CardLookupSchema = /* @__PURE__ */ pure(() =>
  z.object({ ...CardRecordSchema.shape, booking: z.optional(CardBookingSchema) }),
);
/** A looked-up card, with its booking for the show asked about (if any). */
export type CardLookup = z.infer<typeof CardLookupSchema>;

/** A usage ID: a UUID, which a card ID (upper-case letters and digits only) can never be. */
export const USAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The server's usage ID, an opaque handle (`USAGE_ID`): no card ID or text reaches a void URL or storage through it. */
export const UsageIdSchema = /* @__PURE__ */ pure(() => z.string().check(z.regex(USAGE_ID)));
/**
 * Whether a value is a usage ID (`USAGE_ID`).
 * @example isUsageId('0d4af71f-5461-4b39-a507-7c0147b034c5'); // true; isUsageId('A045198723'); // false
 */
export const isUsageId = (id: unknown): id is string => typeof id === 'string' && USAGE_ID.test(id);

/**
 * A card admitted twice: a terminal gave a ticket while it could not reach the server (its usage waited, sent with
 * `admitted`), and the server had meanwhile registered the card's usage for the show elsewhere. The usage that stands
 * is counted once; this records the other admission — where (`terminal`) and when (`clientTime`, the terminal's
 * clock) — for both clerks and for the report.
 */
export const ConflictSchema = /* @__PURE__ */ pure(() =>
  z.object({
    terminal: z.optional(TerminalNameSchema),
    clientTime: isoDateTime(),
    recordedAt: isoDateTime(),
  }),
);
/** The other admission of a card that stands registered (see `ConflictSchema`). */
export type Conflict = z.infer<typeof ConflictSchema>;

/** Most conflicts a tally lists (the newest). */
export const TALLY_CONFLICTS_MAX = 100;

/** Card-holder tickets given so far for a show, across every terminal. `cap: null` = no cap. */
export const ShowTallySchema = /* @__PURE__ */ pure(() =>
  z.object({
    showId: text(1),
    cap: z.nullable(wholeNumber(0)),
    ticketsGiven: wholeNumber(0),
    remaining: z.nullable(wholeNumber(0)),
    usages: wholeNumber(0),
    updatedAt: isoDateTime(),
    /**
     * The show's cards admitted twice (0.4; absent: none, or a server that does not record them): each names the
     * usage that stands by its ID and the key it was registered under, so its own terminal finds it.
     */
    conflicts: z.optional(
      z
        .array(
          z.object({
            ...ConflictSchema.shape,
            usageId: UsageIdSchema,
            idempotencyKey: z.optional(IdempotencyKeySchema),
          }),
        )
        .check(z.maxLength(TALLY_CONFLICTS_MAX)),
    ),
  }),
);
/** Card-holder tickets given so far for a show across every terminal, and its cap (`null` = no cap). */
export type ShowTally = z.infer<typeof ShowTallySchema>;

/** The answer to a usage registration: the usage's ID, its tickets and the show's tally after it. */
export const UsageResultSchema = /* @__PURE__ */ pure(() =>
  z.object({
    usageId: UsageIdSchema,
    registeredAt: isoDateTime(),
    tickets: TicketsSchema,
    showTally: ShowTallySchema,
    /**
     * Tickets this usage added to the show's tally. For a collection, only what goes beyond its booking
     * (`coveredByBooking` is what the booking already held). Optional: servers before 0.2 leave them out.
     */
    countedAgainstCap: z.optional(wholeNumber(0)),
    coveredByBooking: z.optional(wholeNumber(0)),
  }),
);
/** The answer to a usage registration: the usage's ID, its tickets and the show's tally after it. */
export type UsageResult = z.infer<typeof UsageResultSchema>;

/**
 * Per-item outcome, in request order. `replayed` = the key was seen before and this is the first result.
 * A discriminated union, not `z.xor` (~1 KB less zod code, same accepted values): on a bad item it
 * reports the failing field's own path (`results.0.result.tickets.total`), not just `results.0`.
 */
export const BatchItemResultSchema = /* @__PURE__ */ pure(() =>
  z.discriminatedUnion('ok', [
    z.object({
      idempotencyKey: IdempotencyKeySchema,
      ok: z.literal(true),
      replayed: z.boolean(),
      result: UsageResultSchema,
    }),
    z.object({ idempotencyKey: IdempotencyKeySchema, ok: z.literal(false), problem: ProblemSchema }),
  ]),
);
/** One item's outcome in a batch answer: registered, or refused with a problem. */
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

/** The answer to a batch registration: one result per item, by idempotency key. */
export const BatchResponseSchema = /* @__PURE__ */ pure(() =>
  z.object({ results: z.array(BatchItemResultSchema) }),
);
/** The answer to a batch registration: one result per item, by idempotency key. */
export type BatchResponse = z.infer<typeof BatchResponseSchema>;

/** A usage's state: `registered`, or `voided` (taken back by `POST /v1/usages/{usageId}/void`). */
export const UsageStateSchema = /* @__PURE__ */ pure(() => z.enum(['registered', 'voided']));
/** `registered` or `voided`. */
export type UsageState = z.infer<typeof UsageStateSchema>;

/**
 * The answer to voiding a usage: the same `voidedAt` however often it is asked, the tickets given back and the
 * show's tally after them.
 */
export const VoidResultSchema = /* @__PURE__ */ pure(() =>
  z.object({
    usageId: UsageIdSchema,
    state: z.literal('voided'),
    voidedAt: isoDateTime(),
    tickets: TicketsSchema,
    showTally: ShowTallySchema,
  }),
);
/** The answer to voiding a usage: its `voidedAt`, the tickets given back and the show's tally after them. */
export type VoidResult = z.infer<typeof VoidResultSchema>;

/** One registered usage as the usage-report exporter reads it back. */
export const UsageRecordSchema = /* @__PURE__ */ pure(() =>
  z.object({
    // The request's own schemas, spread: `z.extend` would cost ~1 KB of zod code.
    ...UsageRequestSchema.shape,
    usageId: UsageIdSchema,
    registeredAt: isoDateTime(),
    tickets: TicketsSchema,
    /**
     * The idempotency key it was registered under: what tells a client, after an ambiguous outcome, whether its
     * usage is already here (never a timestamp). Optional: a server that does not keep keys leaves it out.
     */
    idempotencyKey: z.optional(IdempotencyKeySchema),
    /** `voided`: taken back within the void window; it counts neither against the cap nor as used. Absent = registered. */
    state: z.optional(UsageStateSchema),
    voidedAt: z.optional(isoDateTime()),
    /** The card's other admissions for the show while a terminal could not reach the server (0.4; see `ConflictSchema`). */
    conflicts: z.optional(z.array(ConflictSchema).check(z.maxLength(TALLY_CONFLICTS_MAX))),
  }),
);
/** One registered usage as the usage-report exporter reads it back. */
export type UsageRecord = z.infer<typeof UsageRecordSchema>;

/** A page of registered usages and the cursor of the next page. */
export const UsageListSchema = /* @__PURE__ */ pure(() =>
  z.object({
    items: z.array(UsageRecordSchema),
    /** Pass as `cursor` to get the next page; `null` on the last page. */
    nextCursor: z.nullable(z.string()),
  }),
);
/** A page of registered usages and the cursor of the next page. */
export type UsageList = z.infer<typeof UsageListSchema>;

/** One performance of a venue, as the registry knows it: its ID, name, start, kind and cap (`null` = none). */
export const ShowRecordSchema = /* @__PURE__ */ pure(() =>
  z.object({
    id: text(1, 128),
    name: text(1, 300),
    start: isoDateTime(),
    kind: ShowKindSchema,
    cap: z.nullable(wholeNumber(0)),
  }),
);
/** One performance of a venue, as the registry knows it. */
export type ShowRecord = z.infer<typeof ShowRecordSchema>;

/** A venue's performances in a date range, in start order (the whole range: at most 31 days, no pages). */
export const ShowListSchema = /* @__PURE__ */ pure(() => z.object({ items: z.array(ShowRecordSchema) }));
/** A venue's performances in a date range, in start order. */
export type ShowList = z.infer<typeof ShowListSchema>;

/** The answer of the health endpoint: `status` (`ok`, `degraded`), `version` and the server's clock. */
export const HealthSchema = /* @__PURE__ */ pure(() =>
  z.object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    /** The server's clock, so a terminal can notice its own clock is off. */
    time: isoDateTime(),
  }),
);
/** The answer of the health endpoint. */
export type Health = z.infer<typeof HealthSchema>;
