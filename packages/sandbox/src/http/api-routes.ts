import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BATCH_MAX_ITEMS,
  BatchRequestSchema,
  CardIdSchema,
  CardLookupRequestSchema,
  IdempotencyKeySchema,
  ShowSchema,
  UsageListQuerySchema,
  UsageRequestSchema,
  VoidRequestSchema,
  makeProblem,
} from '@kaiku-scanner/core/contract';
import { suggestField } from '@kaiku-scanner/core/contract';
import type { BatchItemResult, Problem, UsageList, UsageRequest } from '@kaiku-scanner/core/contract';
import type { RegisterContext, Outcome } from '../usage/register-usage.js';
import { registerUsage, showTally } from '../usage/register-usage.js';
import { voidUsage } from '../usage/void-usage.js';
import { invalidBody } from './invalid-body.js';
import { readJsonBody } from './read-body.js';
import type { BodyResult } from './read-body.js';
import { problems, sendJson, sendProblem } from './respond.js';

export type ApiRouteContext = RegisterContext & {
  /** Each venue's ticket agents (venue → agent venues), when tokens are bound to venues. */
  readonly agents: ReadonlyMap<string, ReadonlySet<string>>;
};

function sendOutcome(res: ServerResponse, outcome: Outcome): void {
  if (outcome.kind === 'result') {
    sendJson(res, outcome.status, outcome.result, outcome.replayed ? { 'idempotent-replayed': 'true' } : {});
  } else {
    const headers: Record<string, string> =
      outcome.retryAfterSeconds !== undefined ? { 'retry-after': String(outcome.retryAfterSeconds) } : {};
    sendProblem(res, outcome.problem, headers);
  }
}

/** The token is bound to another venue than the one it acts for (same answer whether that venue exists or not). */
function otherVenue(bound: string | undefined, venueId: string): Problem | undefined {
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

function sendBodyProblem(res: ServerResponse, body: Extract<BodyResult, { ok: false }>): void {
  sendProblem(res, body.problem, body.close ? { connection: 'close' } : {});
}

/** Deprecated `GET /v1/cards/{id}`: kept for old clients; it puts the card ID into the URL. */
export function getCard(ctx: ApiRouteContext, res: ServerResponse, rawId: string): void {
  const id = CardIdSchema.safeParse(rawId);
  if (!id.success)
    return sendProblem(res, invalidBody(id.error, CardIdSchema, rawId, { what: 'Not a card ID.' }));
  sendCard(ctx, res, id.data);
}

/** `POST /v1/cards/lookup` with `{ cardId }` in the body, so that no URL (log, proxy, resource timing) holds it. */
export async function postCardLookup(
  ctx: ApiRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readJsonBody(req);
  if (!body.ok) return sendBodyProblem(res, body);
  const lookup = CardLookupRequestSchema.safeParse(body.value);
  if (!lookup.success)
    return sendProblem(res, invalidBody(lookup.error, CardLookupRequestSchema, body.value));
  sendCard(ctx, res, lookup.data.cardId);
}

function sendCard(ctx: ApiRouteContext, res: ServerResponse, id: string): void {
  const card = ctx.repo.getCard(id);
  if (!card) return sendProblem(res, problems.cardNotRegistered());
  sendJson(res, 200, card);
}

export async function postUsage(
  ctx: ApiRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  venue: string | undefined,
): Promise<void> {
  const rawKey = req.headers['idempotency-key'];
  if (rawKey === undefined || rawKey === '') {
    req.resume();
    return sendProblem(
      res,
      makeProblem(400, 'idempotency-key-missing', 'Idempotency-Key missing', {
        detail: 'POST /v1/usages requires an Idempotency-Key header.',
      }),
    );
  }
  const key = IdempotencyKeySchema.safeParse(rawKey);
  if (!key.success)
    return sendProblem(
      res,
      invalidBody(key.error, IdempotencyKeySchema, rawKey, { what: 'Invalid Idempotency-Key.' }),
    );
  const body = await readJsonBody(req);
  if (!body.ok) return sendBodyProblem(res, body);
  const usage = UsageRequestSchema.safeParse(body.value);
  if (!usage.success) return sendProblem(res, invalidBody(usage.error, UsageRequestSchema, body.value));
  const refusal = mayRegister(ctx, venue, usage.data);
  if (refusal) return sendProblem(res, refusal);
  sendOutcome(res, await registerUsage(ctx, key.data, usage.data));
}

/** `POST /v1/usages/{usageId}/void` with the body `{}`: see `voidUsage`. */
export async function postVoid(
  ctx: ApiRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  usageId: string,
  venue: string | undefined,
): Promise<void> {
  const body = await readJsonBody(req, true);
  if (!body.ok) return sendBodyProblem(res, body);
  const empty = VoidRequestSchema.safeParse(body.value);
  if (!empty.success) return sendProblem(res, invalidBody(empty.error, VoidRequestSchema, body.value));
  const outcome = voidUsage(ctx, usageId, venue);
  if (outcome.kind === 'problem') return sendProblem(res, outcome.problem);
  sendJson(res, 200, outcome.result);
}

export async function postBatch(
  ctx: ApiRouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  venue: string | undefined,
): Promise<void> {
  const body = await readJsonBody(req);
  if (!body.ok) return sendBodyProblem(res, body);
  const items = (body.value as { items?: unknown } | null)?.items;
  if (Array.isArray(items) && items.length > BATCH_MAX_ITEMS) {
    return sendProblem(
      res,
      makeProblem(413, 'batch-too-large', 'Batch too large', { detail: `At most ${BATCH_MAX_ITEMS} items.` }),
    );
  }
  const batch = BatchRequestSchema.safeParse(body.value);
  if (!batch.success) return sendProblem(res, invalidBody(batch.error, BatchRequestSchema, body.value));
  const results: BatchItemResult[] = [];
  for (const item of batch.data.items) {
    const refusal = mayRegister(ctx, venue, item.usage);
    const outcome: Outcome = refusal
      ? { kind: 'problem', problem: refusal }
      : await registerUsage(ctx, item.idempotencyKey, item.usage);
    results.push(
      outcome.kind === 'result'
        ? {
            idempotencyKey: item.idempotencyKey,
            ok: true,
            replayed: outcome.replayed,
            result: outcome.result,
          }
        : { idempotencyKey: item.idempotencyKey, ok: false, problem: outcome.problem },
    );
  }
  sendJson(res, 200, { results });
}

export function getTally(
  ctx: ApiRouteContext,
  res: ServerResponse,
  showId: string,
  venue: string | undefined,
): void {
  const id = ShowSchema.shape.id.safeParse(showId);
  if (!id.success) {
    return sendProblem(res, invalidBody(id.error, ShowSchema.shape.id, showId, { path: 'showId' }));
  }
  // A bound token reads its own venue's show of that ID (show IDs are per venue; an agent sees the tally of the
  // shows it sells for in each usage's answer); a token bound to no venue, the venue that stored the ID first.
  const owner = venue ?? ctx.repo.showOwner(id.data) ?? '';
  const cap = ctx.repo.getShow(owner, id.data)?.cap ?? null;
  sendJson(res, 200, showTally(ctx.repo, owner, id.data, cap, ctx.clock.now()));
}

const QUERY_PARAMS = new Set(['from', 'to', 'cursor', 'limit']);

const encodeCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString('base64url');
const decodeCursor = (cursor: string): number | undefined => {
  const match = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
};

export function getUsages(
  ctx: ApiRouteContext,
  res: ServerResponse,
  venueId: string,
  url: URL,
  venue: string | undefined,
): void {
  const elsewhere = otherVenue(venue, venueId);
  if (elsewhere) return sendProblem(res, elsewhere);
  // Only the documented parameters, each once: `?venueId=` must not override the path, and a repeated
  // parameter is not silently reduced to its last value.
  const names = [...url.searchParams.keys()];
  const odd = names.filter((n, i) => !QUERY_PARAMS.has(n) || names.indexOf(n) !== i);
  if (odd.length > 0) {
    return sendProblem(
      res,
      problems.invalid(
        [...new Set(odd)].map((path) => {
          if (QUERY_PARAMS.has(path)) return { path, code: 'duplicate' };
          const suggestion = suggestField(path, [...QUERY_PARAMS]);
          return { path, code: 'unknown-field', ...(suggestion ? { suggestion } : {}) };
        }),
        'Unknown or repeated query parameters.',
      ),
    );
  }
  const raw = { ...Object.fromEntries(url.searchParams), venueId };
  const query = UsageListQuerySchema.safeParse(raw);
  if (!query.success) return sendProblem(res, invalidBody(query.error, UsageListQuerySchema, raw));
  const { from, to, cursor, limit = 100 } = query.data;
  const after = cursor === undefined ? 0 : decodeCursor(cursor);
  if (after === undefined)
    return sendProblem(res, problems.invalid([{ path: 'cursor', code: 'invalid_format' }]));
  const rows = ctx.repo.listUsages(venueId, from, to, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const list: UsageList = {
    items: page.map((r) => r.record),
    nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null,
  };
  sendJson(res, 200, list);
}
