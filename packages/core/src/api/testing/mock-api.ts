/**
 * msw 2 handlers speaking the Kaikukanta contract, built from the same zod schemas as the client:
 * requests are parsed with the request schemas and every answer is parsed with the response schema
 * before it is sent, so the mock cannot drift from the contract. For unit tests; the sandbox
 * (packages/sandbox) is the real implementation.
 */
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import {
  BatchRequestSchema,
  BatchResponseSchema,
  CardLookupRequestSchema,
  CardRecordSchema,
  HealthSchema,
  ProblemSchema,
  ShowTallySchema,
  UsageListSchema,
  UsageRequestSchema,
  UsageResultSchema,
  makeProblem,
} from '../../schemas/api.js';
import type {
  BatchItemResult,
  CardRecord,
  Problem,
  ShowTally,
  UsageRecord,
  UsageRequest,
  UsageResult,
} from '../../schemas/api.js';

export type MockApiOptions = {
  readonly baseUrl: string;
  readonly cards?: readonly CardRecord[];
  /** Accepted token; any non-empty token when absent. */
  readonly token?: string;
  readonly now?: () => Date;
};

export type MockApi = {
  readonly handlers: HttpHandler[];
  /** Usages registered, in order. */
  readonly usages: UsageRecord[];
  /** Requests seen, by `METHOD path`. */
  readonly requests: string[];
};

/** A problem+json response, validated by the contract's schema. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(ProblemSchema.parse(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

const tickets = (u: UsageRequest) => {
  const groupMembers = u.group?.memberCardIds.length ?? 0;
  const under16Clients = u.group?.under16Clients ?? 0;
  return {
    adult: 1 as const,
    children: u.childTickets,
    groupMembers,
    under16Clients,
    total: 1 + u.childTickets + groupMembers + under16Clients,
  };
};

/**
 * Creates the handlers and their in-memory state.
 *
 * @example
 * const api = createMockApi({ baseUrl: 'https://api.test/', cards: [card] });
 * const server = setupServer(...api.handlers);
 */
export function createMockApi(options: MockApiOptions): MockApi {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const now = options.now ?? (() => new Date());
  const cards = new Map((options.cards ?? []).map((c) => [c.id, CardRecordSchema.parse(c)]));
  const keys = new Map<string, { body: string; result: UsageResult }>();
  const caps = new Map<string, number | null>();
  const usages: UsageRecord[] = [];
  const requests: string[] = [];

  const tally = (showId: string): ShowTally => {
    const given = usages.filter((u) => u.show.id === showId).reduce((n, u) => n + u.tickets.total, 0);
    const cap = caps.get(showId) ?? null;
    return ShowTallySchema.parse({
      showId,
      cap,
      ticketsGiven: given,
      remaining: cap === null ? null : Math.max(0, cap - given),
      usages: usages.filter((u) => u.show.id === showId).length,
      updatedAt: now().toISOString(),
    });
  };

  const register = (
    key: string,
    usage: UsageRequest,
  ): { result: UsageResult; replayed: boolean } | Problem => {
    const body = JSON.stringify(usage);
    const seen = keys.get(key);
    if (seen) {
      return seen.body === body
        ? { result: seen.result, replayed: true }
        : makeProblem(422, 'idempotency-key-reused', 'Idempotency key reused');
    }
    if (!cards.has(usage.cardId)) return makeProblem(404, 'card-not-registered', 'Card not registered');
    if (!caps.has(usage.show.id)) caps.set(usage.show.id, usage.show.cap ?? null);
    const t = tickets(usage);
    const before = tally(usage.show.id);
    if (before.remaining !== null && before.remaining < t.total) {
      const code = before.remaining === 0 ? 'cap-reached' : 'cap-exceeded';
      return makeProblem(422, code, 'Cap', { reasons: [{ code, params: { cap: before.cap ?? 0 } }] });
    }
    const registeredAt = now().toISOString();
    const usageId = `00000000-0000-4000-8000-${String(usages.length + 1).padStart(12, '0')}`;
    usages.push({ ...usage, usageId, registeredAt, tickets: t });
    const result = UsageResultSchema.parse({
      usageId,
      registeredAt,
      tickets: t,
      showTally: tally(usage.show.id),
    });
    keys.set(key, { body, result });
    return { result, replayed: false };
  };

  const authorized = (request: Request): boolean => {
    const header = request.headers.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    return options.token === undefined ? token.length > 0 : token === options.token;
  };
  const guard = (request: Request): Response | undefined => {
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    return authorized(request)
      ? undefined
      : problemResponse(makeProblem(401, 'unauthorized', 'Unauthorized'));
  };

  const handlers: HttpHandler[] = [
    http.get(`${base}v1/health`, ({ request }) => {
      requests.push(`GET ${new URL(request.url).pathname}`);
      return HttpResponse.json(
        HealthSchema.parse({ status: 'ok', version: 'mock', time: now().toISOString() }),
      );
    }),
    http.post(`${base}v1/cards/lookup`, async ({ request }) => {
      const denied = guard(request);
      if (denied) return denied;
      const body = CardLookupRequestSchema.safeParse(await request.json().catch(() => null));
      if (!body.success) return problemResponse(makeProblem(400, 'invalid-request', 'Invalid request'));
      const card = cards.get(body.data.cardId);
      return card
        ? HttpResponse.json(card)
        : problemResponse(makeProblem(404, 'card-not-registered', 'Card not registered'));
    }),
    http.post(`${base}v1/usages`, async ({ request }) => {
      const denied = guard(request);
      if (denied) return denied;
      const key = request.headers.get('idempotency-key');
      if (!key)
        return problemResponse(makeProblem(400, 'idempotency-key-missing', 'Idempotency-Key missing'));
      const parsed = UsageRequestSchema.safeParse(await request.json());
      if (!parsed.success) return problemResponse(makeProblem(400, 'invalid-request', 'Invalid request'));
      const outcome = register(key, parsed.data);
      if ('status' in outcome) return problemResponse(outcome);
      return HttpResponse.json(outcome.result, {
        status: outcome.replayed ? 200 : 201,
        headers: outcome.replayed ? { 'idempotent-replayed': 'true' } : {},
      });
    }),
    http.post(`${base}v1/usages/batch`, async ({ request }) => {
      const denied = guard(request);
      if (denied) return denied;
      const parsed = BatchRequestSchema.safeParse(await request.json());
      if (!parsed.success) return problemResponse(makeProblem(400, 'invalid-request', 'Invalid request'));
      const results = parsed.data.items.map((item): BatchItemResult => {
        const outcome = register(item.idempotencyKey, item.usage);
        return 'status' in outcome
          ? { idempotencyKey: item.idempotencyKey, ok: false, problem: outcome }
          : {
              idempotencyKey: item.idempotencyKey,
              ok: true,
              replayed: outcome.replayed,
              result: outcome.result,
            };
      });
      return HttpResponse.json(BatchResponseSchema.parse({ results }));
    }),
    http.get(`${base}v1/shows/:showId/tally`, ({ request, params }) => {
      const denied = guard(request);
      return denied ?? HttpResponse.json(tally(String(params.showId)));
    }),
    http.get(`${base}v1/venues/:venueId/usages`, ({ request, params }) => {
      const denied = guard(request);
      if (denied) return denied;
      const url = new URL(request.url);
      const from = url.searchParams.get('from') ?? '';
      const to = url.searchParams.get('to') ?? '';
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const offset = Number(url.searchParams.get('cursor') ?? 0);
      const matching = usages.filter((u) => {
        const day = u.show.start.slice(0, 10);
        const venue = u.forVenueId ?? u.venueId;
        return venue === params.venueId && day >= from && day <= to;
      });
      const items = matching.slice(offset, offset + limit);
      const next = offset + limit < matching.length ? String(offset + limit) : null;
      return HttpResponse.json(UsageListSchema.parse({ items, nextCursor: next }));
    }),
  ];
  return { handlers, usages, requests };
}
