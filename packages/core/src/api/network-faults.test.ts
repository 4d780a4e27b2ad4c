/**
 * Faults real networks produce that the contract tests do not: captive portals, lying content
 * types, empty bodies, Retry-After from a skewed clock or in nonsense forms, transports that ignore
 * the abort signal, and batch answers that do not match the request. Token providers in trouble:
 * api-token.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { HttpResponse } from 'msw';
import { createApiClient } from './create-api-client.js';
import type { KaikuApiError } from './api-errors.js';
import { ApiHttpError, ApiResponseError } from './api-errors.js';
import { parseRetryAfter } from './retry-policy.js';
import { REGISTERED as result, answerOn, caught, testClient, usageResult } from './testing/msw-helpers.js';
import { BASE, usageFor } from './testing/fixtures.js';
import { apiMessageCode, apiMessages } from '../messages/api.js';
import type { BatchItemResult } from '../schemas/api.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const USAGES_URL = `${BASE}v1/usages`;
const BATCH_URL = `${BASE}v1/usages/batch`;
const CARD = 'A045198723';

const answer = answerOn(server);

const client = testClient;

const register = (api = client()) => api.registerUsage(usageFor(CARD), { idempotencyKey: 'fault-key-0001' });

const portal =
  '<!doctype html><html><body><form action="/login">Hotel Wi-Fi: accept the terms</form></body></html>';

/** Every client error must render in fi/sv/en and never carry the card ID in text or params. */
function expectPlainAndPrivate(error: KaikuApiError): void {
  const code = apiMessageCode(error.code);
  expect(code, error.code).toBeDefined();
  const texts = apiMessages[code!];
  for (const locale of ['fi', 'sv', 'en'] as const) expect(texts[locale]).toBeTruthy();
  expect(`${error.message} ${JSON.stringify(error.params)}`).not.toContain(CARD);
}

describe('captive portals and lying bodies', () => {
  it('a 200 HTML login page is content-type, not retried at once, with a text in three languages', async () => {
    const calls = answer('post', USAGES_URL, () => HttpResponse.html(portal));
    const error = await caught(register());
    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error).toMatchObject({ code: 'content-type', retryable: true, status: 200 });
    expect(error.params).toMatchObject({ contentType: 'text/html' });
    expect(calls.count).toBe(1);
    expectPlainAndPrivate(error);
  });

  it('a portal page that claims application/json is malformed-json (retryable: the usage is kept)', async () => {
    const calls = answer(
      'post',
      USAGES_URL,
      () => new HttpResponse(portal, { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const error = await caught(register());
    expect(error).toMatchObject({ code: 'malformed-json', retryable: true });
    expect(calls.count).toBe(1);
    expectPlainAndPrivate(error);
  });

  it('a 200 with an empty body (JSON type or none) is an error, never an empty success', async () => {
    answer(
      'post',
      USAGES_URL,
      () => new HttpResponse('', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    expect((await caught(register())).code).toBe('malformed-json');
    answer('post', USAGES_URL, () => new HttpResponse(null, { status: 200 }));
    expect((await caught(register())).code).toBe('content-type');
    answer('post', USAGES_URL, () => new HttpResponse(null, { status: 204 }));
    expect((await caught(register())).code).toBe('content-type');
  });

  it('valid JSON of another shape (a portal\u2019s {"status":"ok"}) is schema, naming fields only', async () => {
    answer('post', USAGES_URL, () => HttpResponse.json({ status: 'ok', cardId: CARD }));
    const error = await caught(register());
    expect(error.code).toBe('schema');
    expectPlainAndPrivate(error);
  });

  it.each([502, 503, 504])(
    'a proxy %i HTML page is retried for a keyed request, then the replay succeeds',
    async (status) => {
      const calls = answer(
        'post',
        USAGES_URL,
        () => HttpResponse.html('<h1>Bad gateway</h1>', { status }),
        usageResult,
      );
      await expect(register()).resolves.toMatchObject({ usageId: 'u1' });
      expect(calls.count).toBe(2);
    },
  );

  it('a proxy 407 (authentication required) HTML page is http-407 with a text, not a problem', async () => {
    answer('post', USAGES_URL, () => HttpResponse.html('<h1>Proxy login</h1>', { status: 407 }));
    const error = await caught(register());
    expect(error).toBeInstanceOf(ApiHttpError);
    expect(error.code).toBe('http-407');
    expectPlainAndPrivate(error);
  });
});

describe('Retry-After as real servers and proxies send it', () => {
  it('is measured against the response Date, not the terminal clock (3 h behind)', async () => {
    const serverNow = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(serverNow - 3 * 3_600_000);
    answer(
      'post',
      USAGES_URL,
      () =>
        new HttpResponse('busy', {
          status: 429,
          headers: {
            date: new Date(serverNow).toUTCString(),
            'retry-after': new Date(serverNow + 60_000).toUTCString(),
          },
        }),
    );
    const error = await caught(register(client({ retry: { maxRetryAfterMs: 1_000 } })));
    expect((error as ApiHttpError).retryAfterMs).toBeGreaterThanOrEqual(59_000);
    expect((error as ApiHttpError).retryAfterMs).toBeLessThanOrEqual(61_000);
  });

  it('a date in the past retries at once; a far-future date is reported, not slept on', async () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    const date = 'Sat, 21 Nov 2026 10:00:00 GMT';
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now + 5 * 3_600_000, date)).toBe(0);
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now, date)).toBeGreaterThan(1e14);
    // The obsolete forms RFC 9110 still requires recipients to accept.
    expect(parseRetryAfter('Saturday, 21-Nov-26 10:00:30 GMT', now, date)).toBe(30_000);
    expect(parseRetryAfter('Sat Nov 21 10:00:30 2026', now, date)).toBe(30_000);
    const calls = answer(
      'post',
      USAGES_URL,
      () =>
        new HttpResponse(null, { status: 503, headers: { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' } }),
    );
    const error = await caught(register());
    expect(error.code).toBe('http-503');
    expect(calls.count).toBe(1);
  });

  it('garbage is ignored (normal backoff), also text V8 would read as some date', async () => {
    const now = Date.now();
    for (const junk of ['soon', 'later 5', 'x 12', '2026-11-21', '1e3', '-1', '3.5', 'Infinity', '']) {
      expect(parseRetryAfter(junk, now), junk).toBeUndefined();
    }
    // An absurd number of seconds is "very long", never a number that overflows to a tight loop.
    expect(parseRetryAfter('99999999999999999999999', now)).toBe(Number.MAX_SAFE_INTEGER);
    const calls = answer(
      'post',
      USAGES_URL,
      () => new HttpResponse(null, { status: 503, headers: { 'retry-after': 'x 12' } }),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({ usageId: 'u1' });
    expect(calls.count).toBe(2);
  });
});

describe('a transport that ignores the abort signal', () => {
  it('a body that never ends is timeout, not a request stuck forever', async () => {
    const api = createApiClient({
      baseUrl: BASE,
      getToken: () => 'tok',
      timeoutMs: 50,
      retry: 0,
      transport: async () =>
        new Response(
          new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"usageId"')) }),
          {
            headers: { 'content-type': 'application/json' },
          },
        ),
    });
    expect((await caught(register(api))).code).toBe('timeout');
  });

  it('a transport that never resolves is timeout, retried up to the limit', async () => {
    let attempts = 0;
    const api = createApiClient({
      baseUrl: BASE,
      getToken: () => 'tok',
      timeoutMs: 20,
      retry: { limit: 2, baseDelayMs: 1 },
      transport: () => {
        attempts++;
        return new Promise<Response>(() => undefined);
      },
    });
    expect((await caught(register(api))).code).toBe('timeout');
    expect(attempts).toBe(3);
  });
});

describe('privacy of transport failures', () => {
  it('a transport error quoting the look-up does not carry the card ID into the error', async () => {
    const api = createApiClient({
      baseUrl: BASE,
      getToken: () => 'tok',
      transport: (req) =>
        Promise.reject(new TypeError(`ECONNRESET ${BASE}${req.path} ${JSON.stringify(req.body)}`)),
    });
    const error = await caught(api.lookupCard(CARD));
    expect(error.code).toBe('network');
    const cause = error.cause as Error;
    expect(cause.message).toContain('v1/cards/lookup {"cardId":"[card]"}');
    expect(`${error.message} ${cause.message} ${JSON.stringify(error.params)}`).not.toContain(CARD);
  });
});

describe('batch answers that do not match the request', () => {
  const items = ['key-aaaa-1', 'key-bbbb-2', 'key-cccc-3'].map((idempotencyKey, i) => ({
    idempotencyKey,
    usage: usageFor(`A04519872${i}`),
  }));
  const ok = (idempotencyKey: string): BatchItemResult => ({
    idempotencyKey,
    ok: true,
    replayed: false,
    result,
  });
  const refused = (idempotencyKey: string): BatchItemResult => ({
    idempotencyKey,
    ok: false,
    problem: { type: 'about:blank', title: 'Inactive', status: 422, code: 'card-inactive' },
  });
  const batchAnswer = (results: BatchItemResult[]) =>
    answer('post', BATCH_URL, () => HttpResponse.json({ results }));

  it('reordered results are put back in request order by key', async () => {
    batchAnswer([refused('key-cccc-3'), ok('key-aaaa-1'), ok('key-bbbb-2')]);
    const { results } = await client().registerBatch(items);
    expect(results.map((r) => `${r.idempotencyKey}:${r.ok}`)).toEqual([
      'key-aaaa-1:true',
      'key-bbbb-2:true',
      'key-cccc-3:false',
    ]);
  });

  it.each([
    ['fewer', [ok('key-aaaa-1'), ok('key-bbbb-2')], 'batch-count'],
    ['more', [ok('key-aaaa-1'), ok('key-bbbb-2'), ok('key-cccc-3'), ok('key-dddd-4')], 'batch-count'],
    ['a key not sent', [ok('key-aaaa-1'), ok('key-bbbb-2'), ok('key-zzzz-9')], 'batch-missing-key'],
    ['a key twice', [ok('key-aaaa-1'), ok('key-aaaa-1'), ok('key-cccc-3')], 'batch-missing-key'],
  ])('%s results: schema (retryable), nothing attributed by position', async (_label, results, issue) => {
    const calls = batchAnswer(results);
    const error = await caught(client().registerBatch(items));
    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error).toMatchObject({ code: 'schema', retryable: true });
    expect((error as ApiResponseError).issues).toEqual([{ path: 'results', code: issue }]);
    expect(calls.count).toBe(1);
    expectPlainAndPrivate(error);
  });

  it('a key sent twice (a replay inside one batch) is answered twice, in order', async () => {
    const twice = [items[0]!, items[1]!, items[0]!];
    batchAnswer([
      ok('key-aaaa-1'),
      refused('key-bbbb-2'),
      { idempotencyKey: 'key-aaaa-1', ok: true, replayed: true, result },
    ]);
    const { results } = await client().registerBatch(twice);
    expect(results.map((r) => (r.ok ? r.replayed : 'refused'))).toEqual([false, 'refused', true]);
  });
});
