/** Timeouts (the client's `timeoutMs`, whatever the server or transport does) and the caller's AbortSignal. */
import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { ApiAbortError, ApiTimeoutError } from './api-errors.js';
import { createApiClient } from './create-api-client.js';
import {
  answerOn,
  CARD_URL,
  caught,
  register,
  testClient,
  usageResult,
  USAGES_URL,
  useMswServer,
} from './testing/msw-helpers.js';
import { codeOf, socketClient, useSocketServer } from './testing/socket-server.js';
import { BASE, activeCard } from './testing/fixtures.js';

const server = useMswServer();
const answer = answerOn(server);
const client = testClient;
const socket = useSocketServer();

describe('timeouts', () => {
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
    await expect(register(client({ timeoutMs: 50 }))).resolves.toMatchObject({
      usageId: '00000000-0000-4000-8000-000000000001',
    });
    expect(calls.count).toBe(2);
  });

  it('headers sent but the body stalls is timeout too', async () => {
    socket.fault = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    };
    expect(await codeOf(socketClient(socket, 150).lookupCard('A045198723'))).toBe('timeout');
  });

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

describe("the caller's AbortSignal", () => {
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
    // This test's requests only, by their key: a retry another test left scheduled must not count here.
    const calls = { count: 0 };
    server.use(
      http.post(USAGES_URL, ({ request }) => {
        if (request.headers.get('idempotency-key')?.includes('abort-key-002')) calls.count += 1;
        return HttpResponse.text('', { status: 503 });
      }),
    );
    const controller = new AbortController();
    const api = client({ retry: { limit: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    setTimeout(() => controller.abort(), 30);
    const error = await caught(register(api, 'abort-key-002', controller.signal));
    expect(error.code).toBe('aborted');
    expect(calls.count).toBe(1);
  });
});
