import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { delay, HttpResponse } from 'msw';
import { problemResponse } from './testing/mock-api.js';
import {
  API_ERROR_CODES,
  ApiAbortError,
  ApiHttpError,
  ApiNetworkError,
  ApiProblemError,
  ApiResponseError,
  ApiTimeoutError,
} from './api-errors.js';
import { API_PROBLEM_CODES, makeProblem } from '../schemas/api.js';
import { REGISTERED, answerOn, caught, testClient, usageResult } from './testing/msw-helpers.js';
import { BASE, activeCard, usageFor } from './testing/fixtures.js';
import { apiMessageCode, apiMessages } from '../messages/api.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const CARD_URL = `${BASE}v1/cards/lookup`;
const USAGES_URL = `${BASE}v1/usages`;

const answer = answerOn(server);

const client = testClient;

const register = (api = client(), key = 'retry-key-0001', signal?: AbortSignal) =>
  api.registerUsage(usageFor('A045198723'), { idempotencyKey: key, ...(signal ? { signal } : {}) });

describe('every problem code reaches the caller with its code', () => {
  const codes = [
    ...Object.values(API_PROBLEM_CODES).filter(
      (c) => !['unauthorized', 'forbidden', 'rate-limited', 'internal-error', 'unavailable'].includes(c),
    ),
    'cap-reached',
    'card-expired',
    'card-use-banned',
    'too-many-children',
  ];
  it.each(codes)('%s', async (code) => {
    const status =
      code === 'card-not-registered' || code === 'not-found'
        ? 404
        : code === 'idempotency-key-in-progress'
          ? 409
          : 422;
    answer('post', CARD_URL, () => problemResponse(makeProblem(status, code, code, { detail: 'x' })));
    const error = await caught(client().lookupCard('A045198723'));
    expect(error).toBeInstanceOf(ApiProblemError);
    expect(error.code).toBe('problem');
    expect((error as ApiProblemError).problemCode).toBe(code);
    expect(error.params).toMatchObject({ status, problemCode: code });
  });
});

describe('HTTP statuses', () => {
  it.each([
    [401, 2],
    [403, 1],
  ])(
    '%i is an http error with the problem attached, sent %i time(s) (401: once more with a refreshed token)',
    async (status, sent) => {
      const calls = answer('post', USAGES_URL, () => problemResponse(makeProblem(status, 'forbidden', 'No')));
      const error = await caught(register());
      expect(error).toBeInstanceOf(ApiHttpError);
      expect(error.code).toBe(`http-${status}`);
      expect(error.retryable).toBe(false);
      expect((error as ApiHttpError).problem?.code).toBe('forbidden');
      expect(calls.count).toBe(sent);
    },
  );

  it('404 from a proxy (HTML) is http-404', async () => {
    answer('post', CARD_URL, () => HttpResponse.html('<h1>Not Found</h1>', { status: 404 }));
    const error = await caught(client().lookupCard('A045198723'));
    expect(error.code).toBe('http-404');
    expect(error.retryable).toBe(false);
  });

  it('409 in progress is retried for a keyed request until the first one finished', async () => {
    const calls = answer(
      'post',
      USAGES_URL,
      () => problemResponse(makeProblem(409, 'idempotency-key-in-progress', 'Busy'), { 'retry-after': '0' }),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({ usageId: 'u1', replayed: false });
    expect(calls.count).toBe(2);
    answer('post', USAGES_URL, () =>
      problemResponse(makeProblem(409, 'idempotency-key-in-progress', 'Busy'), { 'retry-after': '600' }),
    );
    const error = await caught(register());
    expect((error as ApiProblemError).retryAfterMs).toBe(600_000);
    expect(error.retryable).toBe(true);
  });

  it('429 with Retry-After in seconds is honoured (0 s → retried at once)', async () => {
    const calls = answer(
      'post',
      USAGES_URL,
      () => problemResponse(makeProblem(429, 'rate-limited', 'Slow down'), { 'retry-after': '0' }),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({ usageId: 'u1' });
    expect(calls.count).toBe(2);
  });

  it('429 with a Retry-After longer than allowed is thrown with the wait, not slept on', async () => {
    const calls = answer('post', USAGES_URL, () =>
      problemResponse(makeProblem(429, 'rate-limited', 'Slow down'), { 'retry-after': '120' }),
    );
    const error = await caught(register(client({ retry: { maxRetryAfterMs: 5000 } })));
    expect(error.code).toBe('http-429');
    expect(error.retryable).toBe(true);
    expect((error as ApiHttpError).retryAfterMs).toBe(120_000);
    expect(calls.count).toBe(1);
  });

  it('429 with an HTTP-date Retry-After is honoured', async () => {
    const past = new Date(Date.now() - 1000).toUTCString();
    const calls = answer(
      'post',
      USAGES_URL,
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': past } }),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({ usageId: 'u1' });
    expect(calls.count).toBe(2);
    const future = new Date(Date.now() + 3_600_000).toUTCString();
    answer(
      'post',
      USAGES_URL,
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': future } }),
    );
    const error = await caught(register());
    expect((error as ApiHttpError).retryAfterMs).toBeGreaterThan(3_500_000);
  });

  it.each([500, 502, 503, 504])('%i: keyed requests retry up to the limit, then http-%i', async (status) => {
    const calls = answer('post', USAGES_URL, () => HttpResponse.text('oops', { status }));
    const error = await caught(register(client({ retry: { limit: 2, baseDelayMs: 1 } })));
    expect(error.code).toBe(`http-${status}`);
    expect(error.retryable).toBe(true);
    expect(calls.count).toBe(3);
    expect(apiMessageCode(error.code)).toBe('http-5xx');
  });

  it('a read (a look-up) is not retried on its own: an offline or failing look-up fails fast', async () => {
    const calls = answer('post', CARD_URL, () => HttpResponse.text('down', { status: 503 }));
    expect((await caught(client().lookupCard('A045198723'))).code).toBe('http-503');
    expect(calls.count).toBe(1);
  });

  it('a read the server asks to repeat shortly (429/503 + Retry-After ≤ 5 s) is repeated, up to the limit', async () => {
    const limited = () =>
      problemResponse(makeProblem(429, 'rate-limited', 'Slow down'), { 'retry-after': '0' });
    const calls = answer('post', CARD_URL, limited, () => HttpResponse.json(activeCard));
    await expect(client().lookupCard('A045198723')).resolves.toMatchObject({ id: 'A045198723' });
    expect(calls.count).toBe(2);
    const always = answer('post', CARD_URL, () =>
      HttpResponse.text('busy', { status: 503, headers: { 'retry-after': '0' } }),
    );
    expect((await caught(client({ retry: { limit: 2 } }).lookupCard('A045198723'))).code).toBe('http-503');
    expect(always.count).toBe(3);
    // A longer wait is the caller's decision: thrown at once, with the wait.
    const long = answer('post', CARD_URL, () =>
      problemResponse(makeProblem(429, 'rate-limited', 'Slow down'), { 'retry-after': '30' }),
    );
    const error = await caught(client().lookupCard('A045198723'));
    expect(error.code).toBe('http-429');
    expect((error as ApiHttpError).retryAfterMs).toBe(30_000);
    expect(long.count).toBe(1);
  });

  it('a 5xx followed by success returns the success (the key makes the retry safe)', async () => {
    const calls = answer('post', USAGES_URL, () => HttpResponse.text('', { status: 502 }), usageResult);
    await expect(register()).resolves.toMatchObject({ usageId: 'u1' });
    expect(calls.count).toBe(2);
  });
});

describe('transport failures', () => {
  it('a network error becomes network (retried for keyed requests)', async () => {
    const calls = answer('post', USAGES_URL, () => HttpResponse.error());
    const error = await caught(register(client({ retry: { limit: 1, baseDelayMs: 1 } })));
    expect(error).toBeInstanceOf(ApiNetworkError);
    expect(error.code).toBe('network');
    expect(calls.count).toBe(2);
  });

  it('no answer within timeoutMs becomes timeout', async () => {
    answer('post', CARD_URL, async () => {
      await delay(2000);
      return HttpResponse.json(activeCard);
    });
    const error = await caught(client({ timeoutMs: 50 }).lookupCard('A045198723'));
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(error.params).toMatchObject({ timeoutMs: 50 });
  });

  it('a timed-out keyed request is retried and can then succeed', async () => {
    const calls = answer(
      'post',
      USAGES_URL,
      async () => {
        await delay(2000);
        return usageResult();
      },
      usageResult,
    );
    await expect(register(client({ timeoutMs: 50 }))).resolves.toMatchObject({ usageId: 'u1' });
    expect(calls.count).toBe(2);
  });

  it("the caller's AbortSignal cancels at once and is not retried", async () => {
    const calls = answer('post', USAGES_URL, async () => {
      await delay(2000);
      return usageResult();
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await caught(register(client(), 'abort-key-001', controller.signal));
    expect(error).toBeInstanceOf(ApiAbortError);
    expect(calls.count).toBe(1);
    const already = await caught(client().lookupCard('A045198723', { signal: AbortSignal.abort() }));
    expect(already.code).toBe('aborted');
  });

  it('an abort during the backoff wait stops retrying', async () => {
    const calls = answer('post', USAGES_URL, () => HttpResponse.text('', { status: 503 }));
    const controller = new AbortController();
    const api = client({ retry: { limit: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    setTimeout(() => controller.abort(), 30);
    const error = await caught(register(api, 'abort-key-002', controller.signal));
    expect(error.code).toBe('aborted');
    expect(calls.count).toBe(1);
  });
});

describe('responses that cannot be trusted', () => {
  const text =
    (body: string, type: string, status = 200, headers: Record<string, string> = {}) =>
    () =>
      new HttpResponse(body, { status, headers: { 'content-type': type, ...headers } });

  it.each([
    ['malformed JSON', 'malformed-json', text('{id: A045198723}', 'application/json')],
    [
      'an HTML page from a proxy',
      'content-type',
      text('<html><body>Login</body></html>', 'text/html; charset=utf-8'),
    ],
    ['the wrong content type', 'content-type', text(JSON.stringify(activeCard), 'text/plain')],
    ['no content type', 'content-type', () => new HttpResponse(JSON.stringify(activeCard))],
    ['JSON cut off mid-string', 'truncated', text('{"id":"A0451', 'application/json')],
    ['JSON cut off after a value', 'truncated', text('{"id":"A045198723","minors":2', 'application/json')],
    [
      'a body shorter than its Content-Length',
      'truncated',
      text('{"id":"A045198723"}', 'application/json', 200, { 'content-length': '400' }),
    ],
    ['the wrong shape', 'schema', () => HttpResponse.json({ ...activeCard, status: 'Aktiivinen' })],
    ['an empty 200', 'malformed-json', text('', 'application/json')],
  ] as const)('%s → %s', async (_name, code, respond) => {
    const calls = answer('post', CARD_URL, respond);
    const error = await caught(client().lookupCard('A045198723'));
    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(true);
    expect(calls.count).toBe(1);
  });

  it('a body stream that breaks off becomes truncated', async () => {
    answer('post', CARD_URL, () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":"A04'));
          controller.error(new TypeError('terminated'));
        },
      });
      return new HttpResponse(stream, { headers: { 'content-type': 'application/json' } });
    });
    expect((await caught(client().lookupCard('A045198723'))).code).toBe('truncated');
  });

  it('a schema error names the fields but never echoes values (card IDs)', async () => {
    answer('post', CARD_URL, () => HttpResponse.json({ ...activeCard, minors: 'A045198723' }));
    const error = (await caught(client().lookupCard('A045198723'))) as ApiResponseError;
    expect(error.issues).toEqual([{ path: 'minors', code: 'invalid_type' }]);
    expect(JSON.stringify(error.params) + error.message).not.toContain('A045198723');
  });

  it('a truncated answer to a keyed request is retried (the server may have committed; the key replays it)', async () => {
    const calls = answer('post', USAGES_URL, text('{"usageId":"u', 'application/json', 201), usageResult);
    await expect(register()).resolves.toMatchObject({ usageId: 'u1' });
    expect(calls.count).toBe(2);
  });

  it('an error body that is not a problem keeps the status code', async () => {
    answer('post', CARD_URL, () => HttpResponse.json({ message: 'nope' }, { status: 422 }));
    expect((await caught(client().lookupCard('A045198723'))).code).toBe('http-422');
    answer('post', CARD_URL, text('{"type":', 'application/problem+json', 400));
    expect((await caught(client().lookupCard('A045198723'))).code).toBe('http-400');
  });
});

describe('paging', () => {
  it('a server repeating a cursor cannot make iterateUsages loop forever', async () => {
    const calls = answer('get', `${BASE}v1/venues/v1/usages`, () =>
      HttpResponse.json({ items: [], nextCursor: 'again' }),
    );
    const api = client({ listLimits: { maxPages: 5 } });
    const consume = async () => {
      for await (const _ of api.iterateUsages({ venueId: 'v1', from: '2026-01-01', to: '2026-01-31' })) {
        // nothing
      }
    };
    const error = await caught(consume());
    expect(error).toMatchObject({ code: 'list-too-long', params: { limit: 'pages', max: 5 } });
    expect(calls.count).toBe(5);
  });
});

describe('list bounds (a pagination that never ends)', () => {
  const LIST_URL = `${BASE}v1/venues/v1/usages`;
  const walk = async (api: ReturnType<typeof client>) => {
    let items = 0;
    for await (const _ of api.iterateUsages({ venueId: 'v1', from: '2026-01-01', to: '2026-01-31' })) items++;
    return items;
  };
  const endless = (perPage = 0) => {
    let n = 0;
    const { usageId, registeredAt, tickets } = REGISTERED;
    const item = { ...usageFor('A045198723'), usageId, registeredAt, tickets };
    const items = Array.from({ length: perPage }, () => item);
    return answer('get', LIST_URL, () => HttpResponse.json({ items, nextCursor: `c${++n}` }));
  };

  it('stops at the page bound with list-too-long (default 1 000 pages)', async () => {
    const calls = endless();
    const error = await caught(walk(client({ listLimits: { maxPages: 25 } })));
    expect(error).toMatchObject({
      code: 'list-too-long',
      retryable: false,
      params: { limit: 'pages', max: 25 },
    });
    expect(calls.count).toBe(25);
    const defaults = endless();
    expect(await caught(walk(client()))).toMatchObject({ params: { limit: 'pages', max: 1000 } });
    expect(defaults.count).toBe(1000);
  });

  it('stops at the byte bound over all pages, the last page cut while it streams', async () => {
    const calls = endless(5);
    const error = await caught(walk(client({ listLimits: { maxBytes: 20_000 } })));
    expect(error).toMatchObject({ code: 'list-too-long', params: { limit: 'bytes', max: 20_000 } });
    expect(calls.count).toBeLessThan(12);
  });

  it('stops at the time bound, checked before each page', async () => {
    let n = 0;
    answer('get', LIST_URL, async () => {
      await delay(30);
      return HttpResponse.json({ items: [], nextCursor: `c${++n}` });
    });
    const error = await caught(walk(client({ listLimits: { maxMs: 100 } })));
    expect(error).toMatchObject({ code: 'list-too-long', params: { limit: 'time', max: 100 } });
    expect(n).toBeLessThan(6);
    for (const locale of ['fi', 'sv', 'en'] as const)
      expect(apiMessages['list-too-long'][locale](error.params as never)).toMatch(/100/);
  });
});

describe('messages', () => {
  it('every client error code has a text in fi, sv and en', () => {
    for (const code of [
      ...Object.values(API_ERROR_CODES),
      'http-401',
      'http-403',
      'http-404',
      'http-429',
      'http-418',
      'http-503',
      'unauthorized',
      'unavailable',
    ]) {
      const key = apiMessageCode(code);
      expect(key, code).toBeDefined();
      const message = apiMessages[key!] as unknown as Record<string, (p: object) => string>;
      for (const locale of ['fi', 'sv', 'en']) expect(message[locale]!({}).length).toBeGreaterThan(5);
    }
    expect(apiMessageCode('no-such-code')).toBeUndefined();
  });
});
