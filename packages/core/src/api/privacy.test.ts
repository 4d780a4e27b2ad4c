/**
 * What a hostile or broken server, network or portal can put into an error (and from there into a vendor's error
 * tracker), and what the client sends where: server text never reaches an error, the card ID never a URL.
 */
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpResponse } from 'msw';
import type { ApiResponseError } from './api-errors.js';
import { ApiProblemError } from './api-errors.js';
import { createApiClient } from './create-api-client.js';
import {
  answerOn,
  CARD,
  CARD_URL,
  caught,
  testClient,
  USAGES_URL,
  useMswServer,
} from './testing/msw-helpers.js';
import { codeOf, socketClient, useSocketServer } from './testing/socket-server.js';
import { BASE, usageFor } from './testing/fixtures.js';

const answer = answerOn(useMswServer());
const client = testClient;
const socket = useSocketServer();
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
    answer('post', CARD_URL, () =>
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
    const error = await caught(client().lookupCard(CARD));
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
      answer('post', CARD_URL, respond);
      const error = (await caught(client().lookupCard(CARD))) as ApiResponseError;
      expect(['content-type', 'malformed-json', 'truncated']).toContain(error.code);
      const cause = error.cause instanceof Error ? everything(error.cause) : String(error.cause);
      expect(`${everything(error)}\n${cause}\n${JSON.stringify(error.params)}`).not.toContain(CARD);
    }
  });

  it('a refusal keeps the checked parameters of its reasons, drops their free text', async () => {
    answer('post', USAGES_URL, () =>
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
      client().registerUsage(usageFor(CARD), { idempotencyKey: 'hostile-key-0001' }),
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
    answer('post', CARD_URL, () =>
      problemJson({ type: 'x', title: 't', status: 404, code: `Card ${CARD} is not registered` }, 404),
    );
    const error = await caught(client().lookupCard(CARD));
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
    const answerBody = await client().registerBatch([
      { idempotencyKey: 'batch-key-00001', usage: usageFor(CARD) },
      { idempotencyKey: 'batch-key-00002', usage: usageFor(CARD) },
    ]);
    const [first, second] = answerBody.results;
    expect(first).toMatchObject({ ok: false, problem: { code: 'cap-reached' } });
    expect(JSON.stringify(first)).not.toContain('Matti');
    expect(second).toMatchObject({ ok: false, problem: { code: 'unreadable-problem', status: 422 } });
  });
});

describe('transport failures and redirects', () => {
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

  it('sends the token, the key and JSON; nothing about the card in the query string', async () => {
    let seen: IncomingMessage | undefined;
    socket.fault = (req, res) => {
      seen = req;
      res.writeHead(400, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'x', status: 400, code: 'invalid-request' }));
    };
    expect(
      await codeOf(
        socketClient(socket).registerUsage(usageFor('A045198723'), { idempotencyKey: 'socket-key-2' }),
      ),
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
        socket.fault = (_req, res) => res.writeHead(status, { location: portalUrl }).end();
        socket.hits = 0;
        const code = await codeOf(
          socketClient(socket).registerUsage(usageFor('A045198723'), {
            idempotencyKey: `portal-key-${status}`,
          }),
        );
        expect(code).toBe('network'); // kept and retried later by an outbox, never "sent"
        expect(socket.hits).toBe(3); // the keyed request's retries, all to the API host
      }
      expect(portalHits).toBe(0);
    } finally {
      await new Promise((resolve) => portal.close(resolve));
    }
  });
});
