/** Shared by the client's msw tests: a client with quick retries, a route answered in turn, a caught rejection. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { createApiClient } from '../create-api-client.js';
import type { ApiClientOptions } from '../create-api-client.js';
import { KaikuApiError } from '../api-errors.js';
import { BASE, usageFor } from './fixtures.js';
import { apiMessageCode, apiMessages } from '../../messages/api.js';

/**
 * A client of the mock API whose retries wait 1–5 ms.
 *
 * @example
 * await testClient({ retry: { limit: 2 } }).lookupCard('A045198723');
 */
export function testClient(options: Partial<ApiClientOptions> = {}) {
  return createApiClient({
    baseUrl: BASE,
    getToken: () => 'tok',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/**
 * `answer(method, url, ...responses)` for `server`: the route gives the responses in turn (the last one
 * repeats) and counts the calls.
 *
 * @example
 * const answer = answerOn(server);
 * const calls = answer('get', url, () => HttpResponse.json(card));
 */
export function answerOn(server: SetupServer) {
  return (method: 'get' | 'post', url: string, ...responses: (() => Response | Promise<Response>)[]) => {
    const calls = { count: 0 };
    server.use(
      http[method](url, () => {
        const respond = responses[Math.min(calls.count, responses.length - 1)]!;
        calls.count++;
        return respond();
      }),
    );
    return calls;
  };
}

/**
 * The error a promise rejects with, checked to be a KaikuApiError.
 *
 * @example
 * expect((await caught(api.lookupCard('A045198723'))).code).toBe('http-503');
 */
export async function caught(promise: Promise<unknown>): Promise<KaikuApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KaikuApiError);
    return error as KaikuApiError;
  }
  throw new Error('expected a rejection');
}

/** A registered usage as the server answers a `POST /v1/usages` (one adult, the show's tally after it). */
export const REGISTERED = {
  usageId: '00000000-0000-4000-8000-000000000001',
  registeredAt: '2026-11-21T10:00:01Z',
  tickets: { adult: 1, children: 0, groupMembers: 0, under16Clients: 0, total: 1 },
  showTally: {
    showId: 's',
    cap: 5,
    ticketsGiven: 1,
    remaining: 4,
    usages: 1,
    updatedAt: '2026-11-21T10:00:01Z',
  },
} as const;

/**
 * The server's 201 answer with `REGISTERED`.
 *
 * @example
 * const calls = answer('post', `${BASE}v1/usages`, () => new HttpResponse(null, { status: 503 }), usageResult);
 */
export const usageResult = (): Response => HttpResponse.json(REGISTERED, { status: 201 });

/**
 * An msw server for one test file: listening during its tests, its handlers reset after each. A request no handler
 * answers fails the test, except one to 127.0.0.1 (a real socket server's, see `useSocketServer`): it goes through.
 *
 * @example
 * const answer = answerOn(useMswServer());
 */
export function useMswServer(): SetupServer {
  const server = setupServer();
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    }),
  );
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/**
 * An answer of `body` as `type`, with any status and headers (msw's helpers would set a matching content type).
 *
 * @example
 * answer('post', url, textAnswer('{"id":"A0451', 'application/json'));
 */
export const textAnswer =
  (body: string, type: string, status = 200, headers: Record<string, string> = {}) =>
  () =>
    new HttpResponse(body, { status, headers: { 'content-type': type, ...headers } });

/** An error renders in fi, sv and en and carries the card ID neither in its text nor in its params. */
export function expectPlainAndPrivate(error: KaikuApiError, card = 'A045198723'): void {
  const code = apiMessageCode(error.code);
  expect(code, error.code).toBeDefined();
  const texts = apiMessages[code!];
  for (const locale of ['fi', 'sv', 'en'] as const) expect(texts[locale]).toBeTruthy();
  expect(`${error.message} ${JSON.stringify(error.params)}`).not.toContain(card);
}

/** The card and the URLs the API tests ask about. */
export const CARD = 'A045198723';
export const CARD_URL = `${BASE}v1/cards/lookup`;
export const USAGES_URL = `${BASE}v1/usages`;

/**
 * Registers `CARD`'s usage under `key` (the keyed request the retry rules are about).
 *
 * @example
 * const calls = answer('post', USAGES_URL, () => HttpResponse.text('oops', { status: 503 }));
 * await caught(register());
 */
export const register = (api = testClient(), key = 'retry-key-0001', signal?: AbortSignal) =>
  api.registerUsage(usageFor(CARD), { idempotencyKey: key, ...(signal ? { signal } : {}) });
