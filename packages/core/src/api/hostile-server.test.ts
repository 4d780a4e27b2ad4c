/**
 * What a hostile or broken server can put into the terminal: its text into errors (and from there into
 * a vendor's error tracker), its size into memory, and the base URL a token travels over.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { HttpResponse } from 'msw';
import { ApiProblemError, ApiResponseError, KaikuApiError } from './api-errors.js';
import { createApiClient } from './create-api-client.js';
import { answerOn, caught, testClient } from './testing/msw-helpers.js';
import { BASE, activeCard, usageFor } from './testing/fixtures.js';
import { checkBaseUrl } from './base-url.js';
import { createHttpTransport } from './http-transport.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
const answer = answerOn(server);

const CARD = 'A045198723';
const LOOKUP = `${BASE}v1/cards/lookup`;
const USAGES = `${BASE}v1/usages`;
const problemJson = (body: object, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

/** Everything an error tracker would record of an error. */
function everything(error: Error): string {
  return [
    error.message,
    error.stack ?? '',
    String(error),
    JSON.stringify(error),
    JSON.stringify({ ...error }),
  ].join('\n');
}

describe('server text never reaches an error', () => {
  it('a problem naming the card and the holder: no server text in message, stack or JSON', async () => {
    answer('post', LOOKUP, () =>
      problemJson(
        {
          type: 'https://evil.example/p',
          title: `Card ${CARD} is not registered`,
          detail: `Card ${CARD} is not registered (holder Matti Meikäläinen)`,
          status: 404,
          code: 'card-not-registered',
          holder: { name: 'Matti Meikäläinen' },
          instance: `/cards/${CARD}`,
        },
        404,
      ),
    );
    const error = await caught(testClient().lookupCard(CARD));
    expect(error).toBeInstanceOf(ApiProblemError);
    const problemError = error as ApiProblemError;
    expect(problemError.problemCode).toBe('card-not-registered');
    expect(problemError.message).toBe('The card is not registered in Kaikukanta, so it cannot be used.');
    const recorded = everything(problemError);
    expect(recorded).not.toContain(CARD);
    expect(recorded).not.toContain('Matti');
    expect(recorded).not.toContain('evil.example');
    // The document is there for code that asks for it, in the SDK's words only, and not enumerable.
    expect(Object.keys(problemError)).not.toContain('problem');
    expect(JSON.stringify(problemError.problem)).not.toMatch(/A045198723|Matti|evil/);
    expect(problemError.problem).toMatchObject({ code: 'card-not-registered', status: 404 });
  });

  it('a content type or a malformed body naming the card: neither reaches message, cause or params', async () => {
    const contentTypes = [`text/${CARD}`, `application/x-${CARD}; charset=utf-8`];
    const bodies = [CARD, `{"cardId": ${CARD}}`, `{"cardId": "${CARD}"`];
    const answers = [
      ...contentTypes.map((type) => () => new Response('{}', { headers: { 'content-type': type } })),
      ...bodies.map((body) => () => new Response(body, { headers: { 'content-type': 'application/json' } })),
    ];
    for (const respond of answers) {
      answer('post', LOOKUP, respond);
      const error = (await caught(testClient().lookupCard(CARD))) as ApiResponseError;
      expect(['content-type', 'malformed-json', 'truncated']).toContain(error.code);
      const cause = error.cause instanceof Error ? everything(error.cause) : String(error.cause);
      expect(`${everything(error)}\n${cause}\n${JSON.stringify(error.params)}`).not.toContain(CARD);
    }
  });

  it('a refusal keeps the checked parameters of its reasons, drops their free text', async () => {
    answer('post', USAGES, () =>
      problemJson(
        {
          type: 'x',
          title: 'Refused',
          status: 422,
          code: 'cap-reached',
          detail: `Card ${CARD} over the cap`,
          reasons: [
            {
              code: 'cap-reached',
              params: { cap: 6, given: 6, requested: 1, remaining: 0, note: `Card ${CARD}`, cardId: CARD },
            },
            { code: 'card-expired', params: { validUntil: '9.1.2026', today: '10.1.2026', holder: 'Matti' } },
            { code: 'member-not-client-card', params: { position: 2, cause: 'community-card' } },
            { code: `Card ${CARD} is bad`, params: { cap: 1 } },
          ],
        },
        422,
      ),
    );
    const error = (await caught(
      testClient().registerUsage(usageFor(CARD), { idempotencyKey: 'hostile-key-0001' }),
    )) as ApiProblemError;
    expect(error.reasons).toEqual([
      { code: 'cap-reached', params: { cap: 6, given: 6, requested: 1, remaining: 0 } },
      { code: 'card-expired', params: { validUntil: '9.1.2026', today: '10.1.2026' } },
      { code: 'member-not-client-card', params: { position: 2, cause: 'community-card' } },
    ]);
    expect(error.params).toMatchObject({ cap: 6, remaining: 0, problemCode: 'cap-reached', status: 422 });
    expect(error.message).toBe('Kaikukanta refused the request (cap-reached).');
    const recorded = everything(error);
    expect(recorded).not.toContain(CARD);
    expect(recorded).not.toContain('Matti');
  });

  it('a problem whose code is a sentence is no problem document: the status decides', async () => {
    answer('post', LOOKUP, () =>
      problemJson({ type: 'x', title: 't', status: 404, code: `Card ${CARD} is not registered` }, 404),
    );
    const error = await caught(testClient().lookupCard(CARD));
    expect(error.code).toBe('http-404');
    expect(everything(error)).not.toContain(CARD);
  });

  it('a refused batch item keeps no unknown members and no sentence as its code', async () => {
    answer('post', `${BASE}v1/usages/batch`, () =>
      HttpResponse.json({
        results: [
          {
            idempotencyKey: 'batch-key-00001',
            ok: false,
            problem: { type: 'x', title: 't', status: 422, code: 'cap-reached', holder: { name: 'Matti' } },
          },
          {
            idempotencyKey: 'batch-key-00002',
            ok: false,
            problem: { type: 'x', title: 't', status: 422, code: `Card ${CARD}` },
          },
        ],
      }),
    );
    const answerBody = await testClient().registerBatch([
      { idempotencyKey: 'batch-key-00001', usage: usageFor(CARD) },
      { idempotencyKey: 'batch-key-00002', usage: usageFor(CARD) },
    ]);
    const [first, second] = answerBody.results;
    expect(first).toMatchObject({ ok: false, problem: { code: 'cap-reached' } });
    expect(JSON.stringify(first)).not.toContain('Matti');
    expect(second).toMatchObject({ ok: false, problem: { code: 'unreadable-problem', status: 422 } });
  });
});

describe('response sizes', () => {
  const endless = (bytes: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":"'));
      },
      pull(controller) {
        if (bytes <= 0) return controller.close();
        const chunk = new Uint8Array(Math.min(bytes, 64 * 1024)).fill(0x41);
        bytes -= chunk.byteLength;
        controller.enqueue(chunk);
      },
    });

  it('a streamed answer larger than the limit (no Content-Length) is refused: response-too-large', async () => {
    let pulled = 0;
    answer('post', LOOKUP, () => {
      const body = endless(50 * 1024 * 1024).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    });
    const error = await caught(testClient({ maxResponseBytes: 1024 * 1024 }).lookupCard(CARD));
    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error.code).toBe('response-too-large');
    expect(error.retryable).toBe(false);
    expect(error.params).toMatchObject({ maxBytes: 1024 * 1024 });
    // Reading stopped near the limit, not at the end of the 50 MB.
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
  });

  it('the default limit is 4 MiB, and a declared Content-Length over it is refused before reading', async () => {
    answer('post', LOOKUP, () =>
      HttpResponse.json(activeCard, { headers: { 'content-length': String(5 * 1024 * 1024) } }),
    );
    const error = await caught(testClient().lookupCard(CARD));
    expect(error.code).toBe('response-too-large');
    expect(error.params).toMatchObject({ maxBytes: 4 * 1024 * 1024 });
    answer('post', LOOKUP, () => HttpResponse.json(activeCard));
    await expect(testClient().lookupCard(CARD)).resolves.toEqual(activeCard);
  });

  it('a keyed request is not resent after a too-large answer', async () => {
    const calls = answer(
      'post',
      USAGES,
      () =>
        new Response(endless(2 * 1024 * 1024), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const error = await caught(
      testClient({ maxResponseBytes: 1024 }).registerUsage(usageFor(CARD), {
        idempotencyKey: 'big-key-000001',
      }),
    );
    expect(error.code).toBe('response-too-large');
    expect(calls.count).toBe(1);
  });
});

describe('the base URL', () => {
  const throwsCode = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(KaikuApiError);
      return (error as KaikuApiError).code;
    }
    return 'no error';
  };
  const client = (baseUrl: string, allowInsecureHttp?: boolean) => () =>
    createApiClient({ baseUrl, getToken: () => 't', ...(allowInsecureHttp ? { allowInsecureHttp } : {}) });

  it.each([
    'http://pos.teatteri.intra/api/',
    'http://192.168.1.20:8787/',
    'http://10.0.0.5/',
    'http://kaikukanta.example/',
    'http://[fe80::1]/',
  ])('plain http to another machine is refused at creation: %s', (url) => {
    expect(throwsCode(client(url))).toBe('insecure-base-url');
    expect(throwsCode(() => createHttpTransport({ baseUrl: url }))).toBe('insecure-base-url');
  });

  it.each(['http://localhost:8787/', 'http://127.0.0.1:9/', 'http://[::1]:8787/', 'http://app.localhost/'])(
    'loopback over http is fine: %s',
    (url) => {
      expect(throwsCode(client(url))).toBe('no error');
    },
  );

  it('an intranet installation opts in explicitly', () => {
    expect(throwsCode(client('http://pos.teatteri.intra/api/', true))).toBe('no error');
  });

  it.each([
    'ftp://kaikukanta.example/',
    'kaikukanta.example',
    'https://user:secret@kaikukanta.example/',
    'https://k.example/?token=x',
  ])('not an http(s) URL without credentials is refused: %s', (url) => {
    expect(throwsCode(client(url))).toBe('invalid-base-url');
  });

  it('the error names no credentials', () => {
    try {
      checkBaseUrl('https://user:secret@kaikukanta.example/');
    } catch (error) {
      expect(JSON.stringify(error) + String(error)).not.toContain('secret');
    }
    expect(checkBaseUrl('https://kaikukanta.example/api').href).toBe('https://kaikukanta.example/api/');
  });
});
