/**
 * The response side of the Kaikukanta contract: what the server answers (card records, results,
 * tallies, batch outcomes, usage lists, health). Only the HTTP client (and the sandbox) need these.
 */
import * as z from 'zod/mini';
import { CardKindSchema, CardPrefixSchema, CardStatusSchema } from './api-enums.js';
import { ProblemSchema } from './api-problem.js';
import { CardIdSchema, IdempotencyKeySchema, UsageRequestSchema } from './api-request.js';
import { isoDate, isoDateTime, pure, text, wholeNumber } from './schema-parts.js';

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

/** Card-holder tickets given so far for a show, across every terminal. `cap: null` = no cap. */
export const ShowTallySchema = /* @__PURE__ */ pure(() =>
  z.object({
    showId: text(1),
    cap: z.nullable(wholeNumber(0)),
    ticketsGiven: wholeNumber(0),
    remaining: z.nullable(wholeNumber(0)),
    usages: wholeNumber(0),
    updatedAt: isoDateTime(),
  }),
);
/** Card-holder tickets given so far for a show across every terminal, and its cap (`null` = no cap). */
export type ShowTally = z.infer<typeof ShowTallySchema>;

/** The answer to a usage registration: the usage's ID, its tickets and the show's tally after it. */
export const UsageResultSchema = /* @__PURE__ */ pure(() =>
  z.object({
    usageId: text(1),
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
    usageId: text(1),
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
    usageId: text(1),
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
