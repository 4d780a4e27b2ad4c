/**
 * The token, in one place: asked of the host on every attempt, sent as a bearer token only, refreshed once after a
 * 401 (never a storm), and never in an error. Token providers in trouble (hanging, empty, throwing) included.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { HttpResponse } from 'msw';
import { createApiClient } from './create-api-client.js';
import { createMockApi } from './testing/mock-api.js';
import type { MockApi } from './testing/mock-api.js';
import { answerOn, caught, testClient as client, usageResult } from './testing/msw-helpers.js';
import { BASE, activeCard, usageFor } from './testing/fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const USAGES_URL = `${BASE}v1/usages`;
const CARD = 'A045198723';
const answer = answerOn(server);
const register = (api = client(), key = 'token-key-0001') =>
  api.registerUsage(usageFor(CARD), { idempotencyKey: key });
let mock: MockApi;

describe('the token', () => {
  it('is asked for on every attempt and sent as a bearer token only', async () => {
    const getToken = vi.fn(() => 'tok-123');
    mock = createMockApi({ baseUrl: BASE, cards: [activeCard], token: 'tok-123' });
    server.use(...mock.handlers);
    const api = createApiClient({ baseUrl: BASE, getToken });
    await api.lookupCard('A045198723');
    await api.lookupCard('A045198723');
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('after a 401 the token is asked for once more with refresh: true', async () => {
    mock = createMockApi({ baseUrl: BASE, cards: [activeCard], token: 'fresh' });
    server.use(...mock.handlers);
    const asked: boolean[] = [];
    const api = createApiClient({
      baseUrl: BASE,
      getToken: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? 'fresh' : 'expired';
      },
    });
    await expect(api.lookupCard('A045198723')).resolves.toMatchObject({ id: 'A045198723' });
    expect(asked).toEqual([false, true]);
    expect(mock.requests).toHaveLength(2);
  });

  it('a wrong token gives http-401 after one refresh, and the token appears in no error text', async () => {
    mock = createMockApi({ baseUrl: BASE, cards: [activeCard], token: 'right' });
    server.use(...mock.handlers);
    const api = createApiClient({ baseUrl: BASE, getToken: async () => 'wrong-token-xyz' });
    const error = await caught(api.registerUsage(usageFor('A045198723'), { idempotencyKey: 'key-401-0001' }));
    expect(error.code).toBe('http-401');
    expect(error.retryable).toBe(false);
    expect(mock.requests).toHaveLength(2);
    const text = JSON.stringify({
      ...error,
      message: error.message,
      stack: error.stack,
      cause: String(error.cause),
    });
    expect(text).not.toContain('wrong-token-xyz');
  });

  it('a failing or empty token provider gives http-401 without a request', async () => {
    mock = createMockApi({ baseUrl: BASE, cards: [activeCard] });
    server.use(...mock.handlers);
    const failing = createApiClient({
      baseUrl: BASE,
      getToken: () => Promise.reject(new Error('session secret s3cr3t expired')),
    });
    const error = await caught(failing.lookupCard('A045198723'));
    expect(error.code).toBe('http-401');
    expect(error.message + JSON.stringify(error.params)).not.toContain('s3cr3t');
    const empty = createApiClient({ baseUrl: BASE, getToken: () => '' });
    expect((await caught(empty.lookupCard('A045198723'))).code).toBe('http-401');
    expect(mock.requests).toEqual([]);
  });

  it('401 then 503s: the token is refreshed only once, retries stay bounded', async () => {
    let n = 0;
    const calls = answer('post', USAGES_URL, () =>
      n++ % 2 === 0 ? new HttpResponse(null, { status: 401 }) : new HttpResponse(null, { status: 503 }),
    );
    const error = await caught(register(client({ retry: { limit: 2, baseDelayMs: 1 } })));
    expect(error.code).toBe('http-401');
    expect(calls.count).toBe(3);
  });
});

describe('token providers in trouble', () => {
  it('one that never settles cannot hold a request: timeout, then the retry asks again', async () => {
    let asked = 0;
    const calls = answer('post', USAGES_URL, usageResult);
    const api = client({
      timeoutMs: 50,
      getToken: () => (++asked === 1 ? new Promise<string>(() => undefined) : 'tok'),
    });
    await expect(register(api)).resolves.toMatchObject({ usageId: '00000000-0000-4000-8000-000000000001' });
    expect(asked).toBe(2);
    expect(calls.count).toBe(1);
  });

  it('one that is always stuck gives timeout for reads too (no request sent)', async () => {
    const calls = answer('post', `${BASE}v1/cards/lookup`, () => HttpResponse.json({}));
    const api = client({ timeoutMs: 30, getToken: () => new Promise<string>(() => undefined) });
    const error = await caught(api.lookupCard(CARD));
    expect(error.code).toBe('timeout');
    expect(calls.count).toBe(0);
  });

  it('one with no token at hand (empty, or throwing) is asked once more with refresh: true', async () => {
    const calls = answer('post', USAGES_URL, usageResult);
    const asked: boolean[] = [];
    const lazy = client({
      getToken: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? 'fresh' : '';
      },
    });
    await expect(register(lazy)).resolves.toMatchObject({ usageId: '00000000-0000-4000-8000-000000000001' });
    expect(asked).toEqual([false, true]);
    expect(calls.count).toBe(1);
    asked.length = 0;
    const down = client({
      getToken: ({ refresh }) => {
        asked.push(refresh);
        throw new Error('SSO secret-session-id unreachable');
      },
    });
    const error = await caught(register(down));
    expect(error.code).toBe('http-401');
    expect(asked).toEqual([false, true]); // twice, not a storm
    expect(calls.count).toBe(1);
    expect(JSON.stringify({ m: error.message, p: error.params })).not.toContain('secret');
  });

  it('a storm of 401s: one refresh, then http-401 with no secret in the error', async () => {
    const tokens: boolean[] = [];
    const calls = answer('post', USAGES_URL, () => new HttpResponse('no', { status: 401 }));
    const api = client({
      getToken: ({ refresh }) => {
        tokens.push(refresh);
        return refresh ? 'secret-refreshed' : 'secret-old';
      },
    });
    const error = await caught(register(api));
    expect(error.code).toBe('http-401');
    expect(tokens).toEqual([false, true]);
    expect(calls.count).toBe(2);
    expect(JSON.stringify({ m: error.message, p: error.params })).not.toContain('secret');
  });
});
