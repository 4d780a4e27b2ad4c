import * as z from 'zod/mini';
import {
  CardRecordSchema,
  ShowConfigSchema,
  ShowSchema,
  UsageRequestSchema,
} from '@kaiku-scanner/core/contract';
import { toApiShow } from '@kaiku-scanner/core';
import type { Repository } from '../db/repository.js';
import type { Clock } from '../clock.js';
import type { Call, Handler, Route } from './router.js';
import { seed } from '../seed/seed-data.js';
import { otherVenue } from './api-routes.js';
import { parseOrRefuse, readBody } from './read-body.js';
import { problems, sendJson, sendProblem } from './respond.js';

/** Settings the test-support endpoints change at run time. */
export type TestControls = { decideDelayMs: number };

const number = () => z.optional(z.number());

/**
 * Test support under `/__sandbox/` (each endpoint in docs/api.md, "Testing mode"), only with `testing: true`. The
 * router lets a caller with the bearer token through from no origin, a localhost page or a configured origin only: a
 * hostile page could send them across sites, and a JSON POST needs a CORS preflight, which only allowed origins get.
 * A venue-bound token stays in its venue: it counts, sees, resets and stores for its own venue, and may not move the
 * clock, delay requests or change the card register, which would change every venue's data (403 `forbidden`).
 */
export function testRoutes(env: { repo: Repository; clock: Clock; controls: TestControls }): Route[] {
  const { repo, clock, controls } = env;
  /** A POST handler over a JSON body read by `schema` (each odd or unknown field named). */
  const post =
    <T>(schema: z.ZodMiniType<T>, act: (value: T, call: Call) => unknown): Handler =>
    async (call) => {
      const value = await readBody(call.req, call.res, schema, true);
      if (value !== undefined) await act(value, call);
    };
  /** For a token bound to no venue only: the handler changes every venue's data. */
  const everyVenue =
    (handler: Handler): Handler =>
    (call) => {
      if (call.venue === undefined) return handler(call);
      call.req.resume();
      sendProblem(call.res, problems.forbidden("This changes every venue's data: not for a venue's token."));
    };
  const query = (url: URL, name: string): string => url.searchParams.get(name) ?? '';
  const test = (path: string, on: Pick<Route, 'GET' | 'POST'>): Route => ({ path, access: 'test', ...on });
  return [
    test('/__sandbox/usages/count', {
      GET: async ({ res, url, venue }) =>
        sendJson(res, 200, {
          count: await repo.countUsages(query(url, 'cardId'), query(url, 'showId'), venue),
        }),
    }),
    test('/__sandbox/keys', {
      GET: async ({ res, url, venue }) =>
        sendJson(res, 200, { state: (await repo.keyInScope(query(url, 'key'), venue))?.state ?? null }),
    }),
    test('/__sandbox/reset', {
      POST: post(z.strictObject({}), async (_v, { res, venue }) => {
        await repo.clear(venue);
        if (venue === undefined) {
          clock.offsetMs = 0;
          controls.decideDelayMs = 0;
        }
        sendJson(res, 200, await seed(repo, clock.now(), venue));
      }),
    }),
    test('/__sandbox/clock', {
      POST: everyVenue(
        post(z.strictObject({ offsetMs: number() }), ({ offsetMs = 0 }, { res }) => {
          clock.offsetMs = offsetMs;
          sendJson(res, 200, { now: clock.now().toISOString(), offsetMs });
        }),
      ),
    }),
    test('/__sandbox/delay', {
      POST: everyVenue(
        post(z.strictObject({ ms: number() }), ({ ms = 0 }, { res }) => {
          controls.decideDelayMs = Math.min(60_000, Math.max(0, ms));
          sendJson(res, 200, { ms: controls.decideDelayMs });
        }),
      ),
    }),
    test('/__sandbox/cards', {
      POST: everyVenue(
        post(CardRecordSchema, async (card, { res }) => {
          await repo.putCard(card, 'test');
          sendJson(res, 201, card);
        }),
      ),
    }),
    test('/__sandbox/shows', {
      // The venue's settings (the contract's show plus windows, visiting producer, model version), every key
      // known: a misspelt one (`"Cap": 1`) is refused by name, never stored as a show without a cap.
      POST: post(
        z.strictObject({ venueId: UsageRequestSchema.shape.venueId, show: ShowConfigSchema }),
        async ({ venueId, show: settings }, { res, venue: bound }) => {
          const elsewhere = otherVenue(bound, venueId);
          if (elsewhere) return sendProblem(res, elsewhere);
          const apiShow = toApiShow(settings as Parameters<typeof toApiShow>[0]);
          const show = parseOrRefuse(res, ShowSchema, apiShow, { prefix: 'show.' });
          if (!show) return;
          // A `null` cap (none) is stored as it came; the repository reads it as no cap.
          const config = { ...settings, ...show } as Parameters<Repository['putShow']>[1];
          await repo.putShow(venueId, config, clock.now().toISOString());
          sendJson(res, 201, config);
        },
      ),
    }),
  ];
}
