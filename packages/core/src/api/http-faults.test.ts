/**
 * The client against a real HTTP server misbehaving at the socket level (what msw cannot fake):
 * connections reset before or during the body, bodies shorter than their Content-Length, stalls.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './create-api-client.js';
import type { KaikuApiError } from './api-errors.js';
import { activeCard, usageFor } from './testing/fixtures.js';

type Fault = (req: IncomingMessage, res: ServerResponse) => void;
let fault: Fault = (_req, res) => res.end();
let hits = 0;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    req.resume();
    fault(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as KaikuApiError).code;
  }
  return 'resolved';
}

const client = (timeoutMs = 2000) =>
  createApiClient({
    baseUrl,
    getToken: () => 't',
    timeoutMs,
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });

const json = JSON.stringify(activeCard);

describe('socket-level faults', () => {
  it('a connection reset before any response is network', async () => {
    fault = (req) => req.socket.destroy();
    expect(await codeOf(client().lookupCard('A045198723'))).toBe('network');
  });

  it('a body cut off by a reset is truncated', async () => {
    fault = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(json.length) });
      res.write(json.slice(0, 20));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    expect(await codeOf(client().lookupCard('A045198723'))).toBe('truncated');
  });

  it('a chunked body that stops mid-JSON is truncated', async () => {
    fault = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(json.slice(0, 25));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    expect(await codeOf(client().lookupCard('A045198723'))).toBe('truncated');
  });

  it('a server that never answers is timeout', async () => {
    fault = () => undefined;
    expect(await codeOf(client(100).lookupCard('A045198723'))).toBe('timeout');
  });

  it('headers sent but the body stalls is timeout too', async () => {
    fault = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    };
    expect(await codeOf(client(150).lookupCard('A045198723'))).toBe('timeout');
  });

  it('a proxy HTML error page (502) is http-502, retried for keyed requests, then a replay succeeds', async () => {
    let n = 0;
    fault = (_req, res) => {
      if (n++ < 2) {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
      res.end(
        JSON.stringify({
          usageId: 'u9',
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
    hits = 0;
    const result = await client().registerUsage(usageFor('A045198723'), { idempotencyKey: 'socket-key-1' });
    expect(result).toMatchObject({ usageId: 'u9', replayed: true });
    expect(hits).toBe(3);
    n = 0;
    hits = 0;
    expect(await codeOf(client().lookupCard('A045198723'))).toBe('http-502');
    expect(hits).toBe(1);
  });

  it('sends the token, the key and JSON; nothing about the card in the query string', async () => {
    let seen: IncomingMessage | undefined;
    fault = (req, res) => {
      seen = req;
      res.writeHead(400, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'x', status: 400, code: 'invalid-request' }));
    };
    expect(
      await codeOf(client().registerUsage(usageFor('A045198723'), { idempotencyKey: 'socket-key-2' })),
    ).toBe('problem');
    expect(seen?.headers.authorization).toBe('Bearer t');
    expect(seen?.headers['idempotency-key']).toBe('socket-key-2');
    expect(seen?.headers['content-type']).toMatch(/^application\/json/);
    expect(seen?.url).toBe('/v1/usages');
  });

  it("a captive portal's 307/302 redirect is not followed: the usage (a card ID) never reaches the portal", async () => {
    let portalHits = 0;
    const portal = createServer((req, res) => {
      portalHits++;
      req.resume();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<form>Log in</form>');
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/login`;
    try {
      for (const status of [307, 302]) {
        fault = (_req, res) => res.writeHead(status, { location: portalUrl }).end();
        hits = 0;
        const code = await codeOf(
          client().registerUsage(usageFor('A045198723'), { idempotencyKey: `portal-key-${status}` }),
        );
        expect(code).toBe('network'); // kept and retried later by an outbox, never "sent"
        expect(hits).toBe(3); // the keyed request's retries, all to the API host
      }
      expect(portalHits).toBe(0);
    } finally {
      await new Promise((resolve) => portal.close(resolve));
    }
  });
});
