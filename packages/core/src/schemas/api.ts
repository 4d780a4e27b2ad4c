/**
 * The Kaikukanta contract: zod 4 schemas (`zod/mini`, so bundlers can tree-shake it) and their
 * inferred types.
 *
 * The HTTP client validates every response with these, the sandbox validates every request with
 * them, and `docs/openapi.json` is generated from them, so the three cannot drift. Their OpenAPI
 * names and examples are in `api-openapi-meta.ts`, so loading this module registers nothing (a
 * registration at load time would keep every schema here, and zod's registry, in every bundle).
 * Nothing here identifies a person: a card is known by its ID only.
 */
import * as z from 'zod/mini';
import {
  CardKindSchema,
  CardPrefixSchema,
  CardStatusSchema,
  ChannelSchema,
  ShowKindSchema,
  UsageModeSchema,
} from './api-enums.js';
import { ProblemSchema } from './api-problem.js';
import { coercedNumber, isoDate, isoDateTime, text, wholeNumber } from './schema-parts.js';

export * from './api-enums.js';
export * from './api-problem.js';

/** A card ID as Kaikukanta stores it: upper-case letters and digits, no spaces. */
export const CardIdSchema = z.string().check(z.regex(/^[A-Z0-9]{2,32}$/));

/**
 * What a venue may see of a card (manual 002 §5). Expiry is not a status: compare `validUntil`
 * (last valid day, inclusive) with the show's date.
 */
export const CardRecordSchema = z.object({
  id: CardIdSchema,
  prefix: CardPrefixSchema,
  kind: CardKindSchema,
  status: CardStatusSchema,
  validUntil: isoDate(),
  renewedAt: z.optional(isoDate()),
  /** Registered under-18 children/grandchildren of the household (client cards; 0 for community cards). */
  minors: wholeNumber(0, 20),
});
export type CardRecord = z.infer<typeof CardRecordSchema>;

/** The show or course a usage is for. `cap` and `seats` are the venue's settings, when it sends them. */
export const ShowSchema = z.object({
  id: text(1, 128),
  name: text(1, 300),
  start: isoDateTime(),
  kind: ShowKindSchema,
  /** Seats or places of the show (for percent caps and small-show rules). */
  seats: z.optional(wholeNumber(0)),
  /** Tickets for card holders per show (per day for swimming halls); absent = the server's setting. */
  cap: z.optional(wholeNumber(0)),
});
export type Show = z.infer<typeof ShowSchema>;

/** A community card's group: every member aged 16+ has and shows their own card. */
export const GroupSchema = z.object({
  memberCardIds: z.array(CardIdSchema).check(z.maxLength(50)),
  under16Clients: wholeNumber(0, 50),
});
export type Group = z.infer<typeof GroupSchema>;

// Shared with `UsageRecordSchema`: spreading a shape costs no zod code, `z.extend` ~1 KB minified.
const usageRequestShape = {
  venueId: text(1, 128),
  show: ShowSchema,
  cardId: CardIdSchema,
  childTickets: wholeNumber(0, 20),
  group: z.optional(GroupSchema),
  channel: ChannelSchema,
  forVenueId: z.optional(text(1, 128)),
  mode: UsageModeSchema,
  /** When the clerk registered it on the terminal (may be long before sync for queued usages). */
  clientTime: isoDateTime(),
};

/**
 * One Kaikukortti usage: one adult ticket (always exactly one, implied) plus `childTickets`.
 * `forVenueId` is set when a ticket agent sells for another venue's event.
 */
export const UsageRequestSchema = z.object(usageRequestShape);
export type UsageRequest = z.infer<typeof UsageRequestSchema>;

/** Tickets given by one usage. `total` = adult + children + groupMembers + under16Clients. */
export const TicketsSchema = z.object({
  adult: z.literal(1),
  children: wholeNumber(0),
  groupMembers: wholeNumber(0),
  under16Clients: wholeNumber(0),
  total: wholeNumber(1),
});
export type Tickets = z.infer<typeof TicketsSchema>;

/** Card-holder tickets given so far for a show, across every terminal. `cap: null` = no cap. */
export const ShowTallySchema = z.object({
  showId: text(1),
  cap: z.nullable(wholeNumber(0)),
  ticketsGiven: wholeNumber(0),
  remaining: z.nullable(wholeNumber(0)),
  usages: wholeNumber(0),
  updatedAt: isoDateTime(),
});
export type ShowTally = z.infer<typeof ShowTallySchema>;

export const UsageResultSchema = z.object({
  usageId: text(1),
  registeredAt: isoDateTime(),
  tickets: TicketsSchema,
  showTally: ShowTallySchema,
});
export type UsageResult = z.infer<typeof UsageResultSchema>;

/** An idempotency key: 8–255 visible ASCII characters (a UUID is the usual choice). */
export const IdempotencyKeySchema = z.string().check(z.regex(/^[\x21-\x7e]{8,255}$/));

export const BATCH_MAX_ITEMS = 100;

export const BatchItemSchema = z.object({ idempotencyKey: IdempotencyKeySchema, usage: UsageRequestSchema });
export type BatchItem = z.infer<typeof BatchItemSchema>;

export const BatchRequestSchema = z.object({
  items: z.array(BatchItemSchema).check(z.minLength(1), z.maxLength(BATCH_MAX_ITEMS)),
});
export type BatchRequest = z.infer<typeof BatchRequestSchema>;

/** Per-item outcome, in request order. `replayed` = the key was seen before and this is the first result. */
export const BatchItemResultSchema = z.discriminatedUnion('ok', [
  z.object({
    idempotencyKey: IdempotencyKeySchema,
    ok: z.literal(true),
    replayed: z.boolean(),
    result: UsageResultSchema,
  }),
  z.object({ idempotencyKey: IdempotencyKeySchema, ok: z.literal(false), problem: ProblemSchema }),
]);
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

export const BatchResponseSchema = z.object({ results: z.array(BatchItemResultSchema) });
export type BatchResponse = z.infer<typeof BatchResponseSchema>;

/** One registered usage as the usage-report exporter reads it back. */
export const UsageRecordSchema = z.object({
  ...usageRequestShape,
  usageId: text(1),
  registeredAt: isoDateTime(),
  tickets: TicketsSchema,
});
export type UsageRecord = z.infer<typeof UsageRecordSchema>;

/**
 * Query of the list-usages endpoint: a venue's usages whose show starts in [from, to] (dates,
 * inclusive, Europe/Helsinki calendar days). Includes usages an agent registered for this venue.
 */
export const UsageListQuerySchema = z.object({
  venueId: text(1, 128),
  from: isoDate(),
  to: isoDate(),
  cursor: z.optional(text(1, 512)),
  limit: z.optional(coercedNumber().check(z.int(), z.minimum(1), z.maximum(1000))),
});
export type UsageListQuery = z.infer<typeof UsageListQuerySchema>;

export const UsageListSchema = z.object({
  items: z.array(UsageRecordSchema),
  /** Pass as `cursor` to get the next page; `null` on the last page. */
  nextCursor: z.nullable(z.string()),
});
export type UsageList = z.infer<typeof UsageListSchema>;

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  /** The server's clock, so a terminal can notice its own clock is off. */
  time: isoDateTime(),
});
export type Health = z.infer<typeof HealthSchema>;
