/**
 * The OpenAPI 3.1 document of the Kaikukanta contract, generated from the zod schemas (zod 4's
 * `z.toJSONSchema`), so the document, the client and the sandbox cannot drift. `docs/openapi.json`
 * is this function's output (a test compares them), and the sandbox serves it at `/openapi.json`.
 */
import * as z from 'zod/mini';
import * as api from './api.js';
import { PLAIN_ID } from './schema-parts.js';
import { USAGE_ID } from './api-responses.js';

/** A JSON object of the OpenAPI document. */
type Json = Record<string, unknown>;

/**
 * The contract's named schemas: every `…Schema` of `api.ts` under its name without the suffix, but the list query
 * (query parameters, documented with its path).
 */
type SchemaName = Exclude<
  keyof typeof api extends infer K ? (K extends `${infer N}Schema` ? N : never) : never,
  'UsageListQuery' | 'ShowListQuery'
>;

/**
 * Descriptions and examples of the named schemas that have them. Here, not on the schemas, so the runtime schema
 * modules have no load-time side effect (metadata in zod's global registry kept every schema in every bundle).
 */
const SCHEMA_META: Partial<Record<SchemaName, z.core.GlobalMeta>> = {
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
    description:
      'The card ID to look up, in the body so that no URL carries it; `forShow`: the answer carries its booking.',
    examples: [
      { cardId: 'A045198723', forShow: { venueId: 'teatteri-hilla', showId: 'hilla-taikuri-matti' } },
    ],
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

/** Every named schema of the contract as OpenAPI components (JSON Schema 2020-12). */
function buildApiComponentSchemas(): Record<string, Json> {
  const metadata = z.registry<z.core.GlobalMeta>();
  const named: Record<string, z.core.$ZodType> = {};
  for (const [key, schema] of Object.entries(api)) {
    const id = key.replace(/Schema$/, '');
    if (id === key || id === 'UsageListQuery' || id === 'ShowListQuery') continue;
    named[id] = schema as z.core.$ZodType;
    metadata.add(named[id], { id, ...SCHEMA_META[id as SchemaName] });
  }
  const generated = z.toJSONSchema(z.object(named), {
    target: 'draft-2020-12',
    io: 'output',
    metadata,
  }) as Json;
  const text = JSON.stringify(generated.$defs ?? {}).replaceAll('"#/$defs/', '"#/components/schemas/');
  const defs = JSON.parse(text) as Record<string, Json>;
  return Object.fromEntries(Object.entries(defs).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ref(name) } },
});
const jsonBody = (name: string): Json => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});
const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const plainIdParam: Json = { type: 'string', minLength: 1, maxLength: 128, pattern: PLAIN_ID.source };
/** A path parameter (`required` true) or a query parameter. */
const param = (at: 'path' | 'query', name: string, schema: Json, description: string, required = true) => ({
  name,
  in: at,
  required,
  description,
  schema,
});

function paths(): Json {
  // Built here, not at module level: calls at load would stay in every bundle of the published build.
  const retryAfter: Json = {
    'Retry-After': {
      description: 'Seconds or an HTTP-date to wait before retrying.',
      schema: { type: 'string' },
    },
  };
  // What any request can get, before or besides its operation: HTTP-level refusals, also of a malformed request.
  const transport: Json = {
    '400': problem('Invalid request (`invalid-request`), also a request that is not well-formed HTTP.'),
    '404': problem('No such path (`not-found`).'),
    '405': {
      ...problem('The path exists but not for this method (`method-not-allowed`).'),
      headers: { Allow: { description: 'The methods this path answers.', schema: { type: 'string' } } },
    },
    '408': problem('The request line, headers or body did not arrive in time (`request-timeout`).'),
    '421': problem(
      'The Host is not one this server answers (`host-not-allowed`; the sandbox: localhost names, IP addresses and configured names).',
    ),
    '431': problem('The request headers are too large (`headers-too-large`).'),
    '500': problem('Server failure (`internal-error`).'),
    '503': {
      ...problem('Temporarily unavailable (`unavailable`): busy database or too many connections.'),
      headers: retryAfter,
    },
  };
  const common: Json = {
    ...transport,
    '401': problem('Missing or invalid bearer token (`unauthorized`).'),
    '403': problem('The token may not do this (`forbidden`).'),
    '429': { ...problem('Too many requests (`rate-limited`).'), headers: retryAfter },
  };
  // Requests with a JSON body.
  const body: Json = {
    '413': problem('The body is larger than 1 MB (`payload-too-large`).'),
    '415': problem('The body is not `application/json` (`unsupported-media-type`).'),
    '417': problem('An `Expect` other than 100-continue (`expectation-failed`).'),
  };
  const card: Json = {
    '200': json('CardRecord', 'The card record.'),
    ...common,
    '404': problem('The card is not registered in Kaikukanta (`card-not-registered`).'),
  };
  const usageHeaders = { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } } };
  return {
    '/v1/health': {
      get: {
        operationId: 'health',
        summary: 'Liveness and the server clock.',
        security: [],
        responses: { '200': json('Health', 'The server is up.'), ...transport },
      },
    },
    '/v1/cards/lookup': {
      post: {
        operationId: 'lookupCard',
        summary: 'A card as a venue may see it: kind, status, valid-until, minors. Nothing personal.',
        description:
          'The card ID is in the body, not the URL: URLs reach access logs, proxies and the resource timing ' +
          'entries every script on the page can read. A look-up changes nothing, so it may be repeated.',
        requestBody: jsonBody('CardLookupRequest'),
        responses: { ...card, '200': json('CardLookup', 'The card record, with its booking for `forShow`.') },
      },
    },
    '/v1/cards/{cardId}': {
      get: {
        operationId: 'lookupCardByPath',
        deprecated: true,
        summary: 'Deprecated: use `POST /v1/cards/lookup`. This route puts the card ID into the URL.',
        parameters: [param('path', 'cardId', ref('CardId'), 'The card ID.')],
        responses: card,
      },
    },
    '/v1/usages': {
      post: {
        operationId: 'registerUsage',
        summary: 'Registers one usage (one adult ticket plus child tickets, or a community group).',
        description:
          'Decided by the operating model with the tally read in the write transaction. A `booking` counts ' +
          "its tickets against the show's cap. A `collection` hands out what the card's uncollected " +
          'bookings for the show hold without counting it again; tickets beyond them are a new usage of ' +
          'those tickets: they count against the cap, or are refused with `cap-reached` / `cap-exceeded` ' +
          'when they do not fit. A collection of fewer tickets than booked releases nothing. ' +
          "A token acts for its own venue (`venueId`); a ticket agent registers for another venue's event " +
          '(`forVenueId`) only when that venue has named it its agent. Such a usage counts against the owning ' +
          "venue's cap and tally and never stores or changes the show's settings.",
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            description: 'Unique per usage; kept ≥ 30 days. Same key + same body → the first result again.',
            schema: ref('IdempotencyKey'),
          },
        ],
        requestBody: jsonBody('UsageRequest'),
        responses: {
          '200': json(
            'UsageResult',
            'A replay: this key was registered before; the first result.',
            usageHeaders,
          ),
          '201': json('UsageResult', 'Registered.'),
          ...common,
          ...body,
          '400': problem(
            'Invalid body (`invalid-request`) or no Idempotency-Key (`idempotency-key-missing`).',
          ),
          '403': problem(
            'The token may not act for this `venueId` (`forbidden`), or the venue of `forVenueId` has not named ' +
              'it its ticket agent (`agent-not-authorized`).',
          ),
          '404': problem('The card is not registered (`card-not-registered`).'),
          '409': {
            ...problem('The same key is still in progress (`idempotency-key-in-progress`).'),
            headers: retryAfter,
          },
          '422': problem(
            'Refused by a rule (the rules core code, e.g. `cap-reached`; `already-used` when the card already has a ' +
              'usage for this show, other than the booking a collection hands out, with `AlreadyUsedParams`) or key ' +
              'reused (`idempotency-key-reused`).',
          ),
        },
      },
    },
    '/v1/usages/batch': {
      post: {
        operationId: 'registerBatch',
        summary: `Registers up to ${api.BATCH_MAX_ITEMS} usages, each with its own idempotency key; a result or a problem per item.`,
        requestBody: jsonBody('BatchRequest'),
        responses: {
          '200': json('BatchResponse', 'Per-item results, in request order.'),
          ...common,
          ...body,
          '413': problem(
            `More than ${api.BATCH_MAX_ITEMS} items (\`batch-too-large\`) or a body over 1 MB (\`payload-too-large\`).`,
          ),
        },
      },
    },
    '/v1/usages/{usageId}/void': {
      post: {
        operationId: 'voidUsage',
        summary: 'Takes a usage back (a wrong card, a wrong number of children) within the void window.',
        description:
          "Allowed within 15 minutes of the registration (the policy's `usage.voidWithinMinutes`) and never once the " +
          'show has started. Idempotent: voiding a voided usage answers 200 with the same `voidedAt`. A voided usage ' +
          "counts neither against the show's cap nor as already used, and the usage list shows it with " +
          '`state: "voided"`. Only the venue that registered the usage may void it. The body is `{}`.',
        parameters: [
          param(
            'path',
            'usageId',
            { type: 'string', pattern: USAGE_ID.source },
            'The `usageId` of the registration.',
          ),
        ],
        requestBody: jsonBody('VoidRequest'),
        responses: {
          '200': json('VoidResult', 'Voided (now or before).'),
          ...common,
          ...body,
          '400': problem('A field in the body (`invalid-request`, `unknown-field`).'),
          '403': problem('The usage was registered by another venue (`forbidden`).'),
          '404': problem('No usage with this ID (`usage-not-found`).'),
          '422': problem('The void window has closed (`void-window-closed`, `params.closesAt`).'),
        },
      },
    },
    '/v1/shows/{showId}/tally': {
      get: {
        operationId: 'getShowTally',
        summary:
          "Card-holder tickets given so far for a show of the token's venue (show IDs are per venue), across " +
          'every terminal and ticket agent, and the cap.',
        parameters: [param('path', 'showId', plainIdParam, 'The show ID.')],
        responses: {
          '200': json('ShowTally', 'The tally (zero for a show not seen yet).'),
          ...common,
          '400': problem('An empty or over-long show ID (`invalid-request`, `issues` path `showId`).'),
        },
      },
    },
    '/v1/venues/{venueId}/usages': {
      get: {
        operationId: 'listUsages',
        summary: "A venue's usages whose show starts in [from, to] (Helsinki dates), oldest first, paged.",
        parameters: [
          param('path', 'venueId', plainIdParam, "The venue ID: the token's own venue."),
          param('query', 'from', { type: 'string', format: 'date' }, 'First show date, inclusive.'),
          param('query', 'to', { type: 'string', format: 'date' }, 'Last show date, inclusive.'),
          param('query', 'cursor', { type: 'string' }, '`nextCursor` of the previous page.', false),
          param(
            'query',
            'limit',
            { type: 'integer', minimum: 1, maximum: 1000 },
            'Page size (default 100).',
            false,
          ),
        ],
        responses: {
          '200': json('UsageList', 'One page.'),
          ...common,
          '400': problem(
            'A parameter is invalid, unknown (`venueId` in the query too) or repeated (`invalid-request`, named in `issues`).',
          ),
        },
      },
    },
    '/v1/venues/{venueId}/shows': {
      get: {
        operationId: 'listShows',
        summary:
          "A venue's performances starting in [from, to] (Helsinki dates, at most 31 days), in start order: the show " +
          'IDs an import resolves a file row to (event name and start time, normalised).',
        parameters: [
          param(
            'path',
            'venueId',
            plainIdParam,
            "The venue ID: the token's own venue, or one that named it its agent.",
          ),
          param('query', 'from', { type: 'string', format: 'date' }, 'First show date, inclusive.'),
          param('query', 'to', { type: 'string', format: 'date' }, 'Last show date, inclusive.'),
        ],
        responses: {
          '200': json('ShowList', 'Every performance of the range (no pages).'),
          ...common,
          '400': problem(
            'A parameter is invalid, unknown, repeated, or the range is longer than 31 days (`invalid-request`, named in `issues`).',
          ),
          '403': problem("Not the token's venue, nor a venue that named it its agent (`forbidden`)."),
        },
      },
    },
  };
}

/**
 * The whole OpenAPI 3.1 document.
 *
 * @example
 * writeFileSync('docs/openapi.json', JSON.stringify(buildOpenApiDocument(), null, 2) + '\n');
 */
export function buildOpenApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kaikukanta usage API (kaiku-scanner contract)',
      version: '1.0.0',
      description:
        'The contract the kaiku-scanner SDK speaks: card lookup, usage registration with idempotency keys, ' +
        'batches, show tallies, usage listing. Errors are RFC 9457 problem+json with stable codes. ' +
        'Generated from the zod schemas in @kaiku-scanner/core; see docs/api.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      { url: 'http://localhost:8787', description: 'The local sandbox (npx --no-install kaiku-sandbox)' },
    ],
    security: [{ bearer: [] }],
    paths: paths(),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token the host app obtains.' },
      },
      schemas: buildApiComponentSchemas(),
    },
  };
}
