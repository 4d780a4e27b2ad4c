/** What the client resends on its own, how often, and what it never resends (Retry-After: retry-after.test.ts). */
import { describe, expect, it } from 'vitest';
import { HttpResponse } from 'msw';
import { ApiNetworkError } from './api-errors.js';
import { apiMessageCode } from '../messages/api.js';
import {
  answerOn,
  CARD_URL,
  caught,
  register,
  testClient,
  textAnswer,
  usageResult,
  USAGES_URL,
  useMswServer,
} from './testing/msw-helpers.js';
import { codeOf, socketClient, useSocketServer } from './testing/socket-server.js';
import { usageFor } from './testing/fixtures.js';

const answer = answerOn(useMswServer());
const client = testClient;
const socket = useSocketServer();

describe('keyed requests (a usage with its idempotency key) are resent', () => {
  it.each([500, 502, 503, 504])('%i: keyed requests retry up to the limit, then http-%i', async (status) => {
    const calls = answer('post', USAGES_URL, () => HttpResponse.text('oops', { status }));
    const error = await caught(register(client({ retry: { limit: 2, baseDelayMs: 1 } })));
    expect(error.code).toBe(`http-${status}`);
    expect(error.retryable).toBe(true);
    expect(calls.count).toBe(3);
    expect(apiMessageCode(error.code)).toBe('http-5xx');
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
      await expect(register()).resolves.toMatchObject({ usageId: '00000000-0000-4000-8000-000000000001' });
      expect(calls.count).toBe(2);
    },
  );

  it('a proxy HTML error page (502) is http-502, retried for keyed requests, then a replay succeeds', async () => {
    let n = 0;
    socket.fault = (_req, res) => {
      if (n++ < 2) {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
      res.end(
        JSON.stringify({
          usageId: '00000000-0000-4000-8000-000000000009',
          registeredAt: '2026-11-21T10:00:00Z',
          tickets: { adult: 1, children: 0, groupMembers: 0, under16Clients: 0, total: 1 },
          showTally: {
            showId: 's',
            cap: null,
            ticketsGiven: 1,
            remaining: null,
            usages: 1,
            updatedAt: '2026-11-21T10:00:00Z',
          },
        }),
      );
    };
    socket.hits = 0;
    const result = await socketClient(socket).registerUsage(usageFor('A045198723'), {
      idempotencyKey: 'socket-key-1',
    });
    expect(result).toMatchObject({ usageId: '00000000-0000-4000-8000-000000000009', replayed: true });
    expect(socket.hits).toBe(3);
    n = 0;
    socket.hits = 0;
    expect(await codeOf(socketClient(socket).lookupCard('A045198723'))).toBe('http-502');
    expect(socket.hits).toBe(1);
  });

  it('a truncated answer to a keyed request is retried (the server may have committed; the key replays it)', async () => {
    const calls = answer(
      'post',
      USAGES_URL,
      textAnswer('{"usageId":"u', 'application/json', 201),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({ usageId: '00000000-0000-4000-8000-000000000001' });
    expect(calls.count).toBe(2);
  });
});

describe('network failures', () => {
  it('a network error becomes network (retried for keyed requests)', async () => {
    const calls = answer('post', USAGES_URL, () => HttpResponse.error());
    const error = await caught(register(client({ retry: { limit: 1, baseDelayMs: 1 } })));
    expect(error).toBeInstanceOf(ApiNetworkError);
    expect(error.code).toBe('network');
    expect(calls.count).toBe(2);
  });

  it('a connection reset before any response is network', async () => {
    socket.fault = (req) => req.socket.destroy();
    expect(await codeOf(socketClient(socket).lookupCard('A045198723'))).toBe('network');
  });
});

describe('what is not resent', () => {
  it('a read (a look-up) is not retried on its own: an offline or failing look-up fails fast', async () => {
    const calls = answer('post', CARD_URL, () => HttpResponse.text('down', { status: 503 }));
    expect((await caught(client().lookupCard('A045198723'))).code).toBe('http-503');
    expect(calls.count).toBe(1);
  });
});
