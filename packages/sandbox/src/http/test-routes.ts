import type { IncomingMessage } from 'node:http';
import {
  CardRecordSchema,
  ShowConfigSchema,
  ShowSchema,
  UsageRequestSchema,
  ownValue,
  suggestField,
} from '@kaiku-scanner/core/contract';
import { toApiShow } from '@kaiku-scanner/core';
import type { Problem } from '@kaiku-scanner/core/contract';
import type { Repository } from '../db/repository.js';
import type { Clock } from '../clock.js';
import type { Call, Handler, Route } from './router.js';
import { seed } from '../seed/seed-data.js';
import { otherVenue } from './api-routes.js';
import { parseOrRefuse } from './invalid-body.js';
import { readJsonBody } from './read-body.js';
import { isLocalOrigin, problems, sendJson, sendProblem } from './respond.js';

/** Settings the test-support endpoints change at run time. */
export type TestControls = { decideDelayMs: number };

/**
 * Refuses what a hostile page could send across sites: an `Origin` that is neither a localhost page nor a
 * configured origin (403 `forbidden`), and a POST that is not `application/json` (415: a JSON content type cannot
 * be sent without a CORS preflight, which the sandbox only grants to allowed origins). The bearer token is checked
 * before this, like on `/v1/`.
 */
export function guardTestRoute(req: IncomingMessage, corsOrigins: readonly string[]): Problem | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && !(isLocalOrigin(origin) || corsOrigins.includes(origin))) {
    return problems.forbidden('Test routes refuse requests from other origins.');
  }
  return undefined;
}

type Fields = Record<string, 'number' | 'string' | 'object'>;

/** The body's own keys, each of the expected type; the first odd or unknown key is named. */
function checkFields(
  value: unknown,
  fields: Fields,
): { path: string; code: string; suggestion?: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { path: '(input)', code: 'wrong-type' };
  for (const key of Object.keys(value)) {
    const want = ownValue(fields, key);
    if (!want) {
      const suggestion = suggestField(key, Object.keys(fields));
      return { path: key, code: 'unknown-field', ...(suggestion ? { suggestion } : {}) };
    }
    const v = (value as Record<string, unknown>)[key];
    if (want === 'number' ? !Number.isFinite(v) : typeof v !== want || v === null)
      return { path: key, code: 'wrong-type' };
  }
  return undefined;
}

/**
 * Test support under `/__sandbox/`, only when started with `testing: true` / `--testing`, and only for a caller
 * with the bearer token (the `--token` one when set) from no origin, a localhost page or a configured origin;
 * POSTs must be `application/json` (an empty body counts as `{}`):
 * - `GET  /__sandbox/usages/count?cardId=&showId=` → `{ count }` (exactly-once checks);
 * - `GET  /__sandbox/keys?key=` → `{ state: 'pending' | 'done' | null }` (to time duplicate requests);
 * - `POST /__sandbox/reset` → empties usages, keys and shows and re-seeds;
 * - `POST /__sandbox/clock` `{ offsetMs }` → moves the server clock;
 * - `POST /__sandbox/delay` `{ ms }` → waits between claiming a key and deciding (makes 409 observable);
 * - `POST /__sandbox/cards` (a CardRecord) and `POST /__sandbox/shows` (`{ venueId, show }`, the show with its
 *   windows and model version) add data.
 * A token bound to a venue (`venueTokens`) stays in its venue here too: it counts, sees and resets what its venue
 * registered (reset re-seeds its shows only), stores shows for its venue only, and may not move the clock, delay
 * requests or change the national card register, which would change every venue's data (403 `forbidden`).
 */
export function testRoutes(env: { repo: Repository; clock: Clock; controls: TestControls }): Route[] {
  const { repo, clock, controls } = env;
  /** A POST handler over a JSON body whose fields are checked first. */
  const post =
    (fields: Fields | undefined, act: (value: Record<string, unknown>, call: Call) => void): Handler =>
    async (call) => {
      const body = await readJsonBody(call.req, call.res, true);
      const issue = body && fields ? checkFields(body.value, fields) : undefined;
      if (issue) sendProblem(call.res, problems.invalid([issue]));
      else if (body) act(body.value as Record<string, unknown>, call);
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
  return [
    {
      path: '/__sandbox/usages/count',
      access: 'test',
      GET: ({ res, url, venue }) =>
        sendJson(res, 200, { count: repo.countUsages(query(url, 'cardId'), query(url, 'showId'), venue) }),
    },
    {
      path: '/__sandbox/keys',
      access: 'test',
      GET: ({ res, url, venue }) =>
        sendJson(res, 200, { state: repo.keyInScope(query(url, 'key'), venue)?.state ?? null }),
    },
    {
      path: '/__sandbox/reset',
      access: 'test',
      POST: post({}, (_v, { res, venue }) => {
        repo.clear(venue);
        if (venue === undefined) [clock.offsetMs, controls.decideDelayMs] = [0, 0];
        sendJson(res, 200, seed(repo, clock.now(), venue));
      }),
    },
    {
      path: '/__sandbox/clock',
      access: 'test',
      POST: everyVenue(
        post({ offsetMs: 'number' }, (v, { res }) => {
          clock.offsetMs = (v.offsetMs as number | undefined) ?? 0;
          sendJson(res, 200, { now: clock.now().toISOString(), offsetMs: clock.offsetMs });
        }),
      ),
    },
    {
      path: '/__sandbox/delay',
      access: 'test',
      POST: everyVenue(
        post({ ms: 'number' }, (v, { res }) => {
          controls.decideDelayMs = Math.min(60_000, Math.max(0, (v.ms as number | undefined) ?? 0));
          sendJson(res, 200, { ms: controls.decideDelayMs });
        }),
      ),
    },
    {
      path: '/__sandbox/cards',
      access: 'test',
      POST: everyVenue(
        post(undefined, (v, { res }) => {
          const card = parseOrRefuse(res, CardRecordSchema, v);
          if (!card) return;
          repo.putCard(card, 'test');
          sendJson(res, 201, card);
        }),
      ),
    },
    {
      path: '/__sandbox/shows',
      access: 'test',
      POST: post({ venueId: 'string', show: 'object' }, (v, { res, venue: bound }) => {
        const venue = parseOrRefuse(res, UsageRequestSchema.shape.venueId, v.venueId, { path: 'venueId' });
        if (venue === undefined) return;
        const elsewhere = otherVenue(bound, venue);
        if (elsewhere) return sendProblem(res, elsewhere);
        // The venue's settings (the contract's show plus windows, visiting producer, model version), every key
        // known: a misspelt one (`"Cap": 1`) is refused by name, never stored as a show without a cap.
        const settings = parseOrRefuse(res, ShowConfigSchema, v.show, { prefix: 'show.' });
        const show =
          settings &&
          parseOrRefuse(res, ShowSchema, toApiShow(settings as Parameters<typeof toApiShow>[0]), {
            prefix: 'show.',
          });
        if (!show) return;
        // A `null` cap (none) is stored as it came; the repository reads it as no cap.
        const config = { ...settings, ...show } as Parameters<Repository['putShow']>[1];
        repo.putShow(venue, config, clock.now().toISOString());
        sendJson(res, 201, config);
      }),
    },
  ];
}
