/** Answers that cannot be trusted: wrong types and shapes, cut-off and oversized bodies, mismatched batches. */
import { describe, expect, it } from 'vitest';
import { HttpResponse } from 'msw';
import { ApiResponseError } from './api-errors.js';
import type { BatchItemResult } from '../schemas/api.js';
import {
  answerOn,
  CARD,
  CARD_URL,
  caught,
  expectPlainAndPrivate,
  register,
  REGISTERED as result,
  testClient,
  textAnswer,
  USAGES_URL,
  useMswServer,
} from './testing/msw-helpers.js';
import { codeOf, socketClient, useSocketServer } from './testing/socket-server.js';
import { BASE, activeCard, usageFor } from './testing/fixtures.js';

const answer = answerOn(useMswServer());
const client = testClient;
const BATCH_URL = `${BASE}v1/usages/batch`;
const socket = useSocketServer();
const json = JSON.stringify(activeCard);
const portal =
  '<!doctype html><html><body><form action="/login">Hotel Wi-Fi: accept the terms</form></body></html>';

describe('bodies', () => {
  it.each([
    ['malformed JSON', 'malformed-json', textAnswer('{id: A045198723}', 'application/json')],
    [
      'an HTML page from a proxy',
      'content-type',
      textAnswer('<html><body>Login</body></html>', 'text/html; charset=utf-8'),
    ],
    ['the wrong content type', 'content-type', textAnswer(JSON.stringify(activeCard), 'text/plain')],
    ['no content type', 'content-type', () => new HttpResponse(JSON.stringify(activeCard))],
    ['JSON cut off mid-string', 'truncated', textAnswer('{"id":"A0451', 'application/json')],
    [
      'JSON cut off after a value',
      'truncated',
      textAnswer('{"id":"A045198723","minors":2', 'application/json'),
    ],
    [
      'a body shorter than its Content-Length',
      'truncated',
      textAnswer('{"id":"A045198723"}', 'application/json', 200, { 'content-length': '400' }),
    ],
    ['the wrong shape', 'schema', () => HttpResponse.json({ ...activeCard, status: 'Aktiivinen' })],
    ['an empty 200', 'malformed-json', textAnswer('', 'application/json')],
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

  it('a body cut off by a reset is truncated', async () => {
    socket.fault = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(json.length) });
      res.write(json.slice(0, 20));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    expect(await codeOf(socketClient(socket).lookupCard('A045198723'))).toBe('truncated');
  });

  it('a chunked body that stops mid-JSON is truncated', async () => {
    socket.fault = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(json.slice(0, 25));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    expect(await codeOf(socketClient(socket).lookupCard('A045198723'))).toBe('truncated');
  });
});

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
    answer('post', CARD_URL, () => {
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
    const error = await caught(client({ maxResponseBytes: 1024 * 1024 }).lookupCard(CARD));
    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error.code).toBe('response-too-large');
    expect(error.retryable).toBe(false);
    expect(error.params).toMatchObject({ maxBytes: 1024 * 1024 });
    // Reading stopped near the limit, not at the end of the 50 MB.
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
  });

  it('the default limit is 4 MiB, and a declared Content-Length over it is refused before reading', async () => {
    answer('post', CARD_URL, () =>
      HttpResponse.json(activeCard, { headers: { 'content-length': String(5 * 1024 * 1024) } }),
    );
    const error = await caught(client().lookupCard(CARD));
    expect(error.code).toBe('response-too-large');
    expect(error.params).toMatchObject({ maxBytes: 4 * 1024 * 1024 });
    answer('post', CARD_URL, () => HttpResponse.json(activeCard));
    await expect(client().lookupCard(CARD)).resolves.toEqual(activeCard);
  });

  it('a keyed request is not resent after a too-large answer', async () => {
    const calls = answer(
      'post',
      USAGES_URL,
      () =>
        new Response(endless(2 * 1024 * 1024), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const error = await caught(
      client({ maxResponseBytes: 1024 }).registerUsage(usageFor(CARD), {
        idempotencyKey: 'big-key-000001',
      }),
    );
    expect(error.code).toBe('response-too-large');
    expect(calls.count).toBe(1);
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
