/**
 * The Kaikukanta contract: zod 4 schemas and their inferred types.
 *
 * The HTTP client validates every response with these, the sandbox validates every request with
 * them, and `docs/openapi.json` is generated from them, so the three cannot drift.
 * Nothing here identifies a person: a card is known by its ID only.
 */
import { z } from 'zod';
import { ProblemSchema } from './api-problem.js';

export * from './api-problem.js';

/** A card ID as Kaikukanta stores it: upper-case letters and digits, no spaces. */
export const CardIdSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,32}$/)
  .meta({ id: 'CardId', description: 'Card ID: upper-case letters and digits, no spaces.' });

export const CARD_PREFIXES = ['A', 'AM', 'Y', 'YM', 'X', 'Z'] as const;
export const CardPrefixSchema = z.enum(CARD_PREFIXES).meta({ id: 'CardPrefix' });
export type CardPrefix = z.infer<typeof CardPrefixSchema>;

export const CARD_KINDS = ['client', 'community'] as const;
export const CardKindSchema = z.enum(CARD_KINDS).meta({ id: 'CardKind' });
export type CardKind = z.infer<typeof CardKindSchema>;

export const CARD_STATUSES = ['active', 'inactive', 'use-ban', 'in-transfer'] as const;
export const CardStatusSchema = z.enum(CARD_STATUSES).meta({ id: 'CardStatus' });
export type CardStatus = z.infer<typeof CardStatusSchema>;

const isoDate = () => z.iso.date();
const isoDateTime = () => z.iso.datetime({ offset: true });

/**
 * What a venue may see of a card (manual 002 §5). Expiry is not a status: compare `validUntil`
 * (last valid day, inclusive) with the show's date.
 */
export const CardRecordSchema = z
  .object({
    id: CardIdSchema,
    prefix: CardPrefixSchema,
    kind: CardKindSchema,
    status: CardStatusSchema,
    validUntil: isoDate(),
    renewedAt: isoDate().optional(),
    /** Registered under-18 children/grandchildren of the household (client cards; 0 for community cards). */
    minors: z.number().int().min(0).max(20),
  })
  .meta({
    id: 'CardRecord',
    examples: [
      {
        id: 'A045198723',
        prefix: 'A',
        kind: 'client',
        status: 'active',
        validUntil: '2027-09-17',
        renewedAt: '2026-09-17',
        minors: 2,
      },
    ],
  });
export type CardRecord = z.infer<typeof CardRecordSchema>;

/** Kinds of event, as far as the operating model treats them differently (caps, courses). */
export const SHOW_KINDS = [
  'show',
  'small-show',
  'course',
  'festival',
  'mass-event',
  'swimming-hall',
  'visiting-production',
  'cinema',
  'exhibition',
] as const;
export const ShowKindSchema = z.enum(SHOW_KINDS).meta({ id: 'ShowKind' });
export type ShowKind = z.infer<typeof ShowKindSchema>;

/** The show or course a usage is for. `cap` and `seats` are the venue's settings, when it sends them. */
export const ShowSchema = z
  .object({
    id: z.string().min(1).max(128),
    name: z.string().min(1).max(300),
    start: isoDateTime(),
    kind: ShowKindSchema,
    /** Seats or places of the show (for percent caps and small-show rules). */
    seats: z.number().int().min(0).optional(),
    /** Tickets for card holders per show (per day for swimming halls); absent = the server's setting. */
    cap: z.number().int().min(0).optional(),
  })
  .meta({ id: 'Show' });
export type Show = z.infer<typeof ShowSchema>;

export const CHANNELS = ['box-office', 'reservation', 'ticket-agent'] as const;
export const ChannelSchema = z.enum(CHANNELS).meta({ id: 'Channel' });
export type Channel = z.infer<typeof ChannelSchema>;

export const USAGE_MODES = ['booking', 'collection'] as const;
export const UsageModeSchema = z.enum(USAGE_MODES).meta({ id: 'UsageMode' });
export type UsageMode = z.infer<typeof UsageModeSchema>;

/** A community card's group: every member aged 16+ has and shows their own card. */
export const GroupSchema = z
  .object({
    memberCardIds: z.array(CardIdSchema).max(50),
    under16Clients: z.number().int().min(0).max(50),
  })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof GroupSchema>;

/**
 * One Kaikukortti usage: one adult ticket (always exactly one, implied) plus `childTickets`.
 * `forVenueId` is set when a ticket agent sells for another venue's event.
 */
export const UsageRequestSchema = z
  .object({
    venueId: z.string().min(1).max(128),
    show: ShowSchema,
    cardId: CardIdSchema,
    childTickets: z.number().int().min(0).max(20),
    group: GroupSchema.optional(),
    channel: ChannelSchema,
    forVenueId: z.string().min(1).max(128).optional(),
    mode: UsageModeSchema,
    /** When the clerk registered it on the terminal (may be long before sync for queued usages). */
    clientTime: isoDateTime(),
  })
  .meta({
    id: 'UsageRequest',
    examples: [
      {
        venueId: 'teatteri-hilla',
        show: {
          id: 'hilla-taikuri-matti',
          name: 'Taikuri Matti',
          start: '2026-12-03T18:00:00+02:00',
          kind: 'show',
        },
        cardId: 'A045198723',
        childTickets: 2,
        channel: 'box-office',
        mode: 'booking',
        clientTime: '2026-11-21T10:00:00Z',
      },
    ],
  });
export type UsageRequest = z.infer<typeof UsageRequestSchema>;

/** Tickets given by one usage. `total` = adult + children + groupMembers + under16Clients. */
export const TicketsSchema = z
  .object({
    adult: z.literal(1),
    children: z.number().int().min(0),
    groupMembers: z.number().int().min(0),
    under16Clients: z.number().int().min(0),
    total: z.number().int().min(1),
  })
  .meta({ id: 'Tickets' });
export type Tickets = z.infer<typeof TicketsSchema>;

/** Card-holder tickets given so far for a show, across every terminal. `cap: null` = no cap. */
export const ShowTallySchema = z
  .object({
    showId: z.string().min(1),
    cap: z.number().int().min(0).nullable(),
    ticketsGiven: z.number().int().min(0),
    remaining: z.number().int().min(0).nullable(),
    usages: z.number().int().min(0),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'ShowTally' });
export type ShowTally = z.infer<typeof ShowTallySchema>;

export const UsageResultSchema = z
  .object({
    usageId: z.string().min(1),
    registeredAt: isoDateTime(),
    tickets: TicketsSchema,
    showTally: ShowTallySchema,
  })
  .meta({
    id: 'UsageResult',
    examples: [
      {
        usageId: '0d4af71f-5461-4b39-a507-7c0147b034c5',
        registeredAt: '2026-11-21T10:00:01.120Z',
        tickets: { adult: 1, children: 2, groupMembers: 0, under16Clients: 0, total: 3 },
        showTally: {
          showId: 'hilla-taikuri-matti',
          cap: 6,
          ticketsGiven: 3,
          remaining: 3,
          usages: 1,
          updatedAt: '2026-11-21T10:00:01.120Z',
        },
      },
    ],
  });
export type UsageResult = z.infer<typeof UsageResultSchema>;

/** An idempotency key: 8–255 visible ASCII characters (a UUID is the usual choice). */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{8,255}$/)
  .meta({ id: 'IdempotencyKey' });

export const BATCH_MAX_ITEMS = 100;

export const BatchItemSchema = z
  .object({ idempotencyKey: IdempotencyKeySchema, usage: UsageRequestSchema })
  .meta({ id: 'BatchItem' });
export type BatchItem = z.infer<typeof BatchItemSchema>;

export const BatchRequestSchema = z
  .object({ items: z.array(BatchItemSchema).min(1).max(BATCH_MAX_ITEMS) })
  .meta({ id: 'BatchRequest' });
export type BatchRequest = z.infer<typeof BatchRequestSchema>;

/** Per-item outcome, in request order. `replayed` = the key was seen before and this is the first result. */
export const BatchItemResultSchema = z
  .discriminatedUnion('ok', [
    z.object({
      idempotencyKey: IdempotencyKeySchema,
      ok: z.literal(true),
      replayed: z.boolean(),
      result: UsageResultSchema,
    }),
    z.object({ idempotencyKey: IdempotencyKeySchema, ok: z.literal(false), problem: ProblemSchema }),
  ])
  .meta({ id: 'BatchItemResult' });
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

export const BatchResponseSchema = z
  .object({ results: z.array(BatchItemResultSchema) })
  .meta({ id: 'BatchResponse' });
export type BatchResponse = z.infer<typeof BatchResponseSchema>;

/** One registered usage as the usage-report exporter reads it back. */
export const UsageRecordSchema = UsageRequestSchema.extend({
  usageId: z.string().min(1),
  registeredAt: isoDateTime(),
  tickets: TicketsSchema,
}).meta({ id: 'UsageRecord' });
export type UsageRecord = z.infer<typeof UsageRecordSchema>;

/**
 * Query of the list-usages endpoint: a venue's usages whose show starts in [from, to] (dates,
 * inclusive, Europe/Helsinki calendar days). Includes usages an agent registered for this venue.
 */
export const UsageListQuerySchema = z
  .object({
    venueId: z.string().min(1).max(128),
    from: isoDate(),
    to: isoDate(),
    cursor: z.string().min(1).max(512).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .meta({ id: 'UsageListQuery' });
export type UsageListQuery = z.infer<typeof UsageListQuerySchema>;

export const UsageListSchema = z
  .object({
    items: z.array(UsageRecordSchema),
    /** Pass as `cursor` to get the next page; `null` on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'UsageList' });
export type UsageList = z.infer<typeof UsageListSchema>;

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    /** The server's clock, so a terminal can notice its own clock is off. */
    time: isoDateTime(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof HealthSchema>;
