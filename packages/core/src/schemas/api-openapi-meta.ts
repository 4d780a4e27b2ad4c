/**
 * The OpenAPI names, descriptions and examples of the contract's schemas. They live here, not on
 * the schemas, so the runtime schema modules have no load-time side effect (registering metadata
 * in zod's global registry kept every schema, and the registry, in every bundle that imported any
 * of them). Only the OpenAPI generator reads this table.
 */
import * as z from 'zod/mini';
import {
  BatchItemResultSchema,
  BatchItemSchema,
  BatchRequestSchema,
  BatchResponseSchema,
  CardIdSchema,
  CardKindSchema,
  CardLookupRequestSchema,
  CardPrefixSchema,
  CardRecordSchema,
  CardStatusSchema,
  ChannelSchema,
  GroupSchema,
  HealthSchema,
  IdempotencyKeySchema,
  ShowKindSchema,
  ShowSchema,
  ShowTallySchema,
  TicketsSchema,
  UsageListSchema,
  UsageModeSchema,
  UsageRecordSchema,
  UsageRequestSchema,
  UsageResultSchema,
  UsageStateSchema,
  VoidRequestSchema,
  VoidResultSchema,
} from './api.js';
import { AlreadyUsedParamsSchema, ProblemReasonSchema, ProblemSchema } from './api-problem.js';

/** Every named schema of the contract, by its name under `components.schemas`. */
export const API_SCHEMAS = {
  ProblemReason: ProblemReasonSchema,
  Problem: ProblemSchema,
  AlreadyUsedParams: AlreadyUsedParamsSchema,
  CardId: CardIdSchema,
  CardLookupRequest: CardLookupRequestSchema,
  CardPrefix: CardPrefixSchema,
  CardKind: CardKindSchema,
  CardStatus: CardStatusSchema,
  CardRecord: CardRecordSchema,
  ShowKind: ShowKindSchema,
  Show: ShowSchema,
  Channel: ChannelSchema,
  UsageMode: UsageModeSchema,
  Group: GroupSchema,
  UsageRequest: UsageRequestSchema,
  Tickets: TicketsSchema,
  ShowTally: ShowTallySchema,
  UsageResult: UsageResultSchema,
  IdempotencyKey: IdempotencyKeySchema,
  BatchItem: BatchItemSchema,
  BatchRequest: BatchRequestSchema,
  BatchItemResult: BatchItemResultSchema,
  BatchResponse: BatchResponseSchema,
  UsageState: UsageStateSchema,
  VoidRequest: VoidRequestSchema,
  VoidResult: VoidResultSchema,
  UsageRecord: UsageRecordSchema,
  UsageList: UsageListSchema,
  Health: HealthSchema,
};

/** Descriptions and examples of the named schemas that have them. */
const API_SCHEMA_META: Partial<Record<keyof typeof API_SCHEMAS, z.core.GlobalMeta>> = {
  Problem: {
    examples: [
      {
        type: 'https://kaiku-scanner.dev/problems/cap-reached',
        title: 'Usage refused by the operating model',
        status: 422,
        code: 'cap-reached',
        detail: 'The cap of 6 tickets for card holders has been reached.',
        reasons: [{ code: 'cap-reached', params: { cap: 6, given: 6, requested: 1, remaining: 0 } }],
      },
    ],
  },
  AlreadyUsedParams: {
    description:
      "`params` of an `already-used` reason: when the card's latest non-voided usage for the show was " +
      'registered (`at`) and on which terminal, when that usage named one.',
  },
  CardId: { description: 'Card ID: upper-case letters and digits, no spaces.' },
  CardLookupRequest: {
    description: 'The card ID to look up, in the body so that no URL carries it.',
    examples: [{ cardId: 'A045198723' }],
  },
  CardRecord: {
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
  },
  UsageRequest: {
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
  },
  UsageResult: {
    description:
      "`countedAgainstCap`: tickets this usage added to the show's tally. A collection hands out what the " +
      "card's uncollected booking for the show holds without counting it again (`coveredByBooking`); only " +
      'tickets beyond the booking count, and they are refused (`cap-reached`, `cap-exceeded`) when they do ' +
      'not fit under the cap.',
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
        countedAgainstCap: 3,
        coveredByBooking: 0,
      },
    ],
  },
};

/**
 * A fresh registry holding the contract's metadata, for `z.toJSONSchema(…, { metadata })`.
 *
 * @example
 * z.toJSONSchema(CardRecordSchema, { metadata: apiSchemaRegistry() }); // { $defs: { CardId: … }, … }
 */
export function apiSchemaRegistry(): z.core.$ZodRegistry<z.core.GlobalMeta> {
  const registry = z.registry<z.core.GlobalMeta>();
  for (const [id, schema] of Object.entries(API_SCHEMAS))
    registry.add(schema, { id, ...API_SCHEMA_META[id as keyof typeof API_SCHEMAS] });
  return registry;
}
