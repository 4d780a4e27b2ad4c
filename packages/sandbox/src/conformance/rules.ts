/** The contract's rules, one table: id (`<!-- rule: id -->` in docs/api.md), section anchor, what it says. Checks
 * name the rules they guard, mutants those they break; tests fail on a marked rule missing here, or unguarded. */
const [E, V, B] = ['#endpoints', '#voiding-a-usage', '#booking-and-collection-against-the-cap'] as const;
const [Q, O] = ['#questions-a-servers-author-asks', '#one-performance-one-id'] as const;
const [U, A, F] = ['#already-used-for-this-show', '#authentication', '#unknown-and-misspelt-fields'] as const;
export const RULES = {
  health: [E, '`GET /v1/health` answers a `Health` without a token'],
  lookup: [E, "a look-up answers the card's record; an unknown card is `404 card-not-registered`"],
  'usage-list': [E, "the venue's usages of shows on Helsinki days [from, to], paged, no other venue's"],
  'usage-state': [E, 'a listed usage says its `state`: `registered`, or `voided` with `voidedAt`'],
  batch: [E, 'one result per batch item, in order; a refused item is its own problem'],
  remaining: [E, "a tally's `remaining` is cap − given, never below 0"],
  'json-media-type': [
    Q,
    'a JSON body is read whatever legal spelling its `Content-Type` has (`charset`, case)',
  ],
  bounds: [E, 'a value past a documented bound (batch 1–100, `limit`, key, 1 MB body) or set is refused'],
  'stored-settings': [E, "the venue's stored show settings win over the request's `show.cap`"],
  'void-window': [V, 'a void once the show has started is `422 void-window-closed` with `closesAt`'],
  'void-idempotent': [V, 'voiding a voided usage answers `200` with the same `voidedAt`'],
  'void-owner': [V, "another venue's void is `403 forbidden`, telling nothing; an unknown usage is `404`"],
  'void-gives-back': [V, 'a voided usage leaves the cap and the tally; the void answers the tally after it'],
  'booking-counts': [B, 'a booking counts every ticket; `cap-reached`/`cap-exceeded` when they do not fit'],
  'collection-covered': [B, "a collection hands out its booking's tickets uncounted, also on a full show"],
  'collection-beyond': [B, 'tickets beyond the booking count, and are refused when they do not fit'],
  'collection-fewer': [B, 'collecting fewer than booked releases nothing'],
  'collection-card-checks': [B, 'a collection checks the card as a booking does'],
  'once-per-show': [U, 'a card has one usage per show: another is `already-used`'],
  'already-used-params': [U, "`at` = the earlier usage's `registeredAt` (with offset), `terminal` its name"],
  'void-not-used': [U, 'a voided usage is not already used; a voided booking covers no collection'],
  'across-routes': [O, "a file's row and a terminal's usage of a show are one: covered, or `already-used`"],
  'show-list': [O, "a venue's shows, for it and its named agents (others: `403`); 31 days at most"],
  'show-per-venue': [U, 'show IDs are per venue: no venue counts against or reads another'],
  auth: [A, 'no, a wrong or an expired token is `401 unauthorized` with `WWW-Authenticate`'],
  'venue-binding': [A, "a token acts for its own venue: another's usage or list is `403 forbidden`"],
  'agent-unnamed': [A, 'an agent not named by the venue is `403 agent-not-authorized`, nothing recorded'],
  'agent-named': [A, "a named agent's usage counts and is listed as the owner's; it never sets a cap"],
  'idempotency-replay': ['#idempotency-and-retries', 'a replay answers the first result, recording nothing'],
  'idempotency-refusal': ['#idempotency-and-retries', 'a refusal is stored under its key like a success'],
  'in-flight': ['#idempotency-and-retries', 'copies in flight register once; a `409` says `Retry-After`'],
  'key-exact': ['#idempotency-and-retries', 'keys are compared exactly: `Key-A` and `key-a` are two keys'],
  'key-scope': ['#idempotency-and-retries', "keys belong to the venue: not another venue's, not a token's"],
  'unknown-fields': [F, 'an unknown field or query parameter is `400` naming it (a field: the suggestion)'],
  'plain-ids': [F, 'an ID with control or format characters is refused'],
  methods: ['#errors', 'a route answers `HEAD` where `GET`; another method is `405` with `Allow`'],
  'problem-json': ['#errors', 'every error is `application/problem+json` with its status and code'],
  'refusal-reasons': ['#errors', 'a refusal is `422`, `code` its first reason, `reasons` with params'],
  privacy: ['#the-kaikukanta-api-contract', 'no answer, body or header, names a card ID it was sent'],
  'cap-race': ['#caps-across-terminals', 'concurrent usages never take a show past its cap'],
} as const satisfies Record<string, readonly [anchor: string, says: string]>;

export type RuleId = keyof typeof RULES;

/** A route of docs/api.md's endpoint table, named by its path's first and last parts: `/v1/venues/x/usages` →
 * `venues/usages` (the usage list), `/v1/usages` → `usages`. */
export const routeOf = (path: string): string =>
  path.replace(/^\/v1\/([^/]+)(?:\/[^/]+)*?(\/[^/]+)?$/, '$1$2');
