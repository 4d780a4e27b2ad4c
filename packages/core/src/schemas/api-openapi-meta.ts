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
  UsageListQuerySchema,
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

/** Each named schema of the contract with its metadata (`id` = its name under `components.schemas`). */
const API_SCHEMA_META: ReadonlyArray<readonly [z.core.$ZodType, z.core.GlobalMeta]> = [
  [ProblemReasonSchema, { id: 'ProblemReason' }],
  [
    ProblemSchema,
    {
      id: 'Problem',
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
  ],
  [
    AlreadyUsedParamsSchema,
    {
      id: 'AlreadyUsedParams',
      description:
        "`params` of an `already-used` reason: when the card's latest non-voided usage for the show was " +
        'registered (`at`) and on which terminal, when that usage named one.',
    },
  ],
  [CardIdSchema, { id: 'CardId', description: 'Card ID: upper-case letters and digits, no spaces.' }],
  [
    CardLookupRequestSchema,
    {
      id: 'CardLookupRequest',
      description: 'The card ID to look up, in the body so that no URL carries it.',
      examples: [{ cardId: 'A045198723' }],
    },
  ],
  [CardPrefixSchema, { id: 'CardPrefix' }],
  [CardKindSchema, { id: 'CardKind' }],
  [CardStatusSchema, { id: 'CardStatus' }],
  [
    CardRecordSchema,
    {
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
    },
  ],
  [ShowKindSchema, { id: 'ShowKind' }],
  [ShowSchema, { id: 'Show' }],
  [ChannelSchema, { id: 'Channel' }],
  [UsageModeSchema, { id: 'UsageMode' }],
  [GroupSchema, { id: 'Group' }],
  [
    UsageRequestSchema,
    {
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
    },
  ],
  [TicketsSchema, { id: 'Tickets' }],
  [ShowTallySchema, { id: 'ShowTally' }],
  [
    UsageResultSchema,
    {
      id: 'UsageResult',
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
  ],
  [IdempotencyKeySchema, { id: 'IdempotencyKey' }],
  [BatchItemSchema, { id: 'BatchItem' }],
  [BatchRequestSchema, { id: 'BatchRequest' }],
  [BatchItemResultSchema, { id: 'BatchItemResult' }],
  [BatchResponseSchema, { id: 'BatchResponse' }],
  [UsageStateSchema, { id: 'UsageState' }],
  [VoidRequestSchema, { id: 'VoidRequest' }],
  [VoidResultSchema, { id: 'VoidResult' }],
  [UsageRecordSchema, { id: 'UsageRecord' }],
  [UsageListQuerySchema, { id: 'UsageListQuery' }],
  [UsageListSchema, { id: 'UsageList' }],
  [HealthSchema, { id: 'Health' }],
];

/**
 * A fresh registry holding the contract's metadata, for `z.toJSONSchema(…, { metadata })`.
 *
 * @example
 * z.toJSONSchema(CardRecordSchema, { metadata: apiSchemaRegistry() }); // { $defs: { CardId: … }, … }
 */
export function apiSchemaRegistry(): z.core.$ZodRegistry<z.core.GlobalMeta> {
  const registry = z.registry<z.core.GlobalMeta>();
  for (const [schema, meta] of API_SCHEMA_META) registry.add(schema, meta);
  return registry;
}
