/** Shared by the client's msw tests: a client with quick retries, a route answered in turn, a caught rejection. */
import { expect } from 'vitest';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { createApiClient } from '../create-api-client.js';
import type { ApiClientOptions } from '../create-api-client.js';
import { KaikuApiError } from '../api-errors.js';
import { BASE } from './fixtures.js';

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
  usageId: 'u1',
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
