import {
  BATCH_MAX_ITEMS,
  BatchRequestSchema,
  CardIdSchema,
  CardLookupRequestSchema,
  IdempotencyKeySchema,
  ShowListQuerySchema,
  ShowSchema,
  UsageListQuerySchema,
  UsageRequestSchema,
  VoidRequestSchema,
  suggestField,
  type BatchItemResult,
  type CardLookupRequest,
  type Problem,
  type ShowList,
  type UsageList,
  type UsageRequest,
} from '@kaiku-scanner/core/contract';
import { helsinkiDay } from '../clock.js';
import type { RegisterContext, Outcome } from '../usage/register-usage.js';
import { registerUsage, showTally, voidUsage } from '../usage/register-usage.js';
import { parseOrRefuse, readBody, readJsonBody } from './read-body.js';
import { problems, sendJson, sendProblem } from './respond.js';
import type { Call, Route } from './router.js';

export type ApiRouteContext = RegisterContext & {
  /** Each venue's ticket agents (venue → agent venues), when tokens are bound to venues. */
  readonly agents: ReadonlyMap<string, ReadonlySet<string>>;
};

/** The contract's `/v1/` routes (a bearer token needed). */
export const API_ROUTES: readonly Route[] = [
  { path: '/v1/cards/lookup', access: 'api', POST: postCardLookup },
  // Deprecated: the card ID in the URL (see docs/api.md).
  { path: '/v1/cards/*', access: 'api', GET: getCard },
  { path: '/v1/usages', access: 'api', POST: postUsage },
  { path: '/v1/usages/batch', access: 'api', POST: postBatch },
  { path: '/v1/usages/*/void', access: 'api', POST: postVoid },
  { path: '/v1/shows/*/tally', access: 'api', GET: getTally },
  { path: '/v1/venues/*/usages', access: 'api', GET: getUsages },
  { path: '/v1/venues/*/shows', access: 'api', GET: getShows },
];

/** The token is bound to another venue than the one it acts for (same answer whether that venue exists or not). */
export function otherVenue(bound: string | undefined, venueId: string): Problem | undefined {
  if (bound === undefined || venueId === bound) return undefined;
  return problems.forbidden('This token may not act for this venue.');
}

/**
 * Who may register a usage: a token acts for its own venue (`venueId`), and for another venue's event
 * (`forVenueId`) only as a ticket agent that venue has named. Refused before anything is claimed or stored.
 */
function mayRegister(
  ctx: ApiRouteContext,
  bound: string | undefined,
  usage: UsageRequest,
): Problem | undefined {
  const owner = usage.forVenueId ?? usage.venueId;
  const named = bound === undefined || owner === usage.venueId || ctx.agents.get(owner)?.has(usage.venueId);
  return otherVenue(bound, usage.venueId) ?? (named ? undefined : problems.agentNotAuthorized());
}

/** Deprecated `GET /v1/cards/{id}`: kept for old clients; it puts the card ID into the URL. */
async function getCard({ ctx, res, params: [raw] }: Call): Promise<void> {
  const id = parseOrRefuse(res, CardIdSchema, raw, { what: 'Not a card ID.' });
  if (id !== undefined) await sendCard(ctx, res, { cardId: id });
}

/** `POST /v1/cards/lookup` with `{ cardId }` in the body, so that no URL (log, proxy, resource timing) holds it. */
async function postCardLookup({ ctx, req, res, venue }: Call): Promise<void> {
  const lookup = await readBody(req, res, CardLookupRequestSchema);
  const forShow = lookup?.forShow;
  // Only the venue's own token sees a booking for its show (an agent's or another venue's token: 403).
  const refusal = forShow && otherVenue(venue, forShow.venueId);
  if (refusal) return sendProblem(res, refusal);
  if (lookup) await sendCard(ctx, res, lookup);
}

async function sendCard(
  ctx: ApiRouteContext,
  res: Call['res'],
  { cardId, forShow }: CardLookupRequest,
): Promise<void> {
  const card = await ctx.repo.getCard(cardId);
  if (!card) return sendProblem(res, problems.cardNotRegistered());
  const booking = forShow && (await ctx.repo.showBooking(cardId, forShow.venueId, forShow.showId));
  sendJson(res, 200, booking ? { ...card, booking } : card);
}

async function postUsage({ ctx, req, res, venue }: Call): Promise<void> {
  const rawKey = req.headers['idempotency-key'];
  if (rawKey === undefined || rawKey === '') {
    req.resume();
    return sendProblem(res, problems.keyMissing());
  }
  const key = parseOrRefuse(res, IdempotencyKeySchema, rawKey, { what: 'Invalid Idempotency-Key.' });
  const usage = key === undefined ? undefined : await readBody(req, res, UsageRequestSchema);
  if (!usage) return;
  const refusal = mayRegister(ctx, venue, usage);
  if (refusal) return sendProblem(res, refusal);
  sendOutcome(res, await registerUsage(ctx, key!, usage));
}

/** A registration's or void's outcome: the result (a replay says so), or the problem with its Retry-After. */
function sendOutcome(res: Call['res'], outcome: Outcome<unknown>): void {
  if (outcome.kind === 'result') {
    const replay = outcome.replayed ? { 'idempotent-replayed': 'true' } : {};
    return sendJson(res, outcome.status, outcome.result, replay);
  }
  const wait = outcome.retryAfterSeconds;
  sendProblem(res, outcome.problem, wait === undefined ? {} : { 'retry-after': String(wait) });
}

/** `POST /v1/usages/{usageId}/void` with the body `{}`: see `voidUsage`. */
async function postVoid({ ctx, req, res, params: [usageId], venue }: Call): Promise<void> {
  if ((await readBody(req, res, VoidRequestSchema, true)) === undefined) return;
  sendOutcome(res, await voidUsage(ctx, usageId!, venue));
}

async function postBatch({ ctx, req, res, venue }: Call): Promise<void> {
  const body = await readJsonBody(req, res);
  if (!body) return;
  const items = (body.value as { items?: unknown } | null)?.items;
  if (Array.isArray(items) && items.length > BATCH_MAX_ITEMS)
    return sendProblem(res, problems.batchTooLarge(BATCH_MAX_ITEMS));
  const batch = parseOrRefuse(res, BatchRequestSchema, body.value);
  if (!batch) return;
  const results: BatchItemResult[] = [];
  for (const { idempotencyKey, usage, admitted } of batch.items) {
    const refusal = mayRegister(ctx, venue, usage);
    const outcome: Outcome = refusal
      ? { kind: 'problem', problem: refusal }
      : await registerUsage(ctx, idempotencyKey, usage, admitted === true);
    results.push(
      outcome.kind === 'result'
        ? { idempotencyKey, ok: true, replayed: outcome.replayed, result: outcome.result }
        : { idempotencyKey, ok: false, problem: outcome.problem },
    );
  }
  sendJson(res, 200, { results });
}

async function getTally({ ctx, res, params: [raw], venue }: Call): Promise<void> {
  const id = parseOrRefuse(res, ShowSchema.shape.id, raw, { path: 'showId' });
  if (id === undefined) return;
  // A bound token reads its own venue's show of that ID (show IDs are per venue; an agent sees the tally of the
  // shows it sells for in each usage's answer); a token bound to no venue, the venue that stored the ID first.
  const owner = venue ?? (await ctx.repo.showOwner(id)) ?? '';
  sendJson(res, 200, await showTally(ctx.repo, owner, id, ctx.clock.now()));
}

const QUERY_PARAMS = ['from', 'to', 'cursor', 'limit'];
/** The longest range of a show listing, in days (the answer has no pages). */
const SHOW_LIST_DAYS = 31;

/**
 * `GET /v1/venues/{venueId}/shows?from&to`: the venue's performances starting on Helsinki days [from, to], in start
 * order. For the venue's own token, or a ticket agent the venue has named (it imports its sales for them).
 */
async function getShows({ ctx, res, params: [venueId = ''], url, venue }: Call): Promise<void> {
  const agent = venue !== undefined && ctx.agents.get(venueId)?.has(venue) === true;
  const refusal = (agent ? undefined : otherVenue(venue, venueId)) ?? oddParams(url, ['from', 'to']);
  if (refusal) return sendProblem(res, refusal);
  const query = parseOrRefuse(res, ShowListQuerySchema, { ...Object.fromEntries(url.searchParams), venueId });
  if (!query) return;
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days < 0 || days >= SHOW_LIST_DAYS)
    return sendProblem(res, problems.invalid([{ path: 'to', code: days < 0 ? 'too_small' : 'too_big' }]));
  const items = (await ctx.repo.venueShows(venueId))
    .filter(({ show }) => {
      const day = helsinkiDay(new Date(show.start));
      return day >= query.from && day <= query.to;
    })
    .map(({ show, cap }) => ({
      id: show.id ?? '',
      name: show.name ?? show.id ?? '',
      start: show.start,
      kind: show.kind,
      cap,
    }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1));
  sendJson(res, 200, { items } satisfies ShowList);
}

const encodeCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString('base64url');
const decodeCursor = (cursor: string): number | undefined => {
  const match = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
};

/** Only the documented query parameters, each once: `?venueId=` must not override the path, and a repeated
 * parameter is not silently reduced to its last value. */
function oddParams(url: URL, allowed: readonly string[]): Problem | undefined {
  const names = [...url.searchParams.keys()];
  const odd = [...new Set(names.filter((n, i) => !allowed.includes(n) || names.indexOf(n) !== i))];
  if (odd.length === 0) return undefined;
  const issues = odd.map((path) => {
    if (allowed.includes(path)) return { path, code: 'duplicate' };
    const suggestion = suggestField(path, allowed);
    return { path, code: 'unknown-field', ...(suggestion ? { suggestion } : {}) };
  });
  return problems.invalid(issues, 'Unknown or repeated query parameters.');
}

async function getUsages({ ctx, res, params: [venueId = ''], url, venue }: Call): Promise<void> {
  const refusal = otherVenue(venue, venueId) ?? oddParams(url, QUERY_PARAMS);
  if (refusal) return sendProblem(res, refusal);
  const query = parseOrRefuse(res, UsageListQuerySchema, {
    ...Object.fromEntries(url.searchParams),
    venueId,
  });
  if (!query) return;
  const { from, to, cursor, limit = 100 } = query;
  const after = cursor === undefined ? 0 : decodeCursor(cursor);
  if (after === undefined)
    return sendProblem(res, problems.invalid([{ path: 'cursor', code: 'invalid_format' }]));
  const rows = await ctx.repo.listUsages(venueId, from, to, after, limit + 1);
  const last = rows[limit - 1];
  sendJson(res, 200, {
    items: rows.slice(0, limit).map((r) => r.record),
    nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null,
  } satisfies UsageList);
}
