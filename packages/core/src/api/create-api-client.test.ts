import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createApiClient } from './create-api-client.js';
import type { ApiClient } from './create-api-client.js';
import { createMockApi } from './testing/mock-api.js';
import type { MockApi } from './testing/mock-api.js';
import type { KaikuApiError } from './api-errors.js';
import { ApiProblemError, ApiRequestError } from './api-errors.js';
import type { TransportRequest } from './transport.js';
import { BASE, activeCard, communityCard, usageFor } from './testing/fixtures.js';
import { isKaikuError } from '../errors/kaiku-error.js';

let mock: MockApi;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(token = 'secret-token'): ApiClient {
  mock = createMockApi({ baseUrl: BASE, cards: [activeCard, communityCard], token });
  server.use(...mock.handlers);
  return createApiClient({ baseUrl: BASE, getToken: () => token, retry: { baseDelayMs: 1 } });
}

async function caught(promise: Promise<unknown>): Promise<KaikuApiError> {
  try {
    await promise;
  } catch (error) {
    expect(isKaikuError(error)).toBe(true);
    return error as KaikuApiError;
  }
  throw new Error('expected a rejection');
}

describe('createApiClient against the contract (msw)', () => {
  it('looks up a card and returns the validated record', async () => {
    const api = setup();
    await expect(api.lookupCard('A045198723')).resolves.toEqual(activeCard);
    expect(mock.requests).toEqual(['POST /api/v1/cards/lookup']);
  });

  it('reports an unregistered card as the card-not-registered problem (404)', async () => {
    const error = await caught(setup().lookupCard('A999991234'));
    expect(error).toBeInstanceOf(ApiProblemError);
    expect(error.code).toBe('problem');
    expect((error as ApiProblemError).problemCode).toBe('card-not-registered');
    expect(error.status).toBe(404);
    expect(error.retryable).toBe(false);
  });

  it('refuses an invalid card ID without sending anything', async () => {
    const api = setup();
    const error = await caught(api.lookupCard('a0451 98723'));
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error.code).toBe('invalid-request');
    expect(mock.requests).toEqual([]);
  });

  it('registers a usage (201) and replays the first result for the same key and body', async () => {
    const api = setup();
    const usage = usageFor('A045198723', { childTickets: 2, show: { ...usageFor('x').show, cap: 10 } });
    const first = await api.registerUsage(usage, { idempotencyKey: 'key-00000001' });
    expect(first.replayed).toBe(false);
    expect(first.tickets).toEqual({ adult: 1, children: 2, groupMembers: 0, under16Clients: 0, total: 3 });
    expect(first.showTally).toMatchObject({ cap: 10, ticketsGiven: 3, remaining: 7, usages: 1 });
    const again = await api.registerUsage(usage, { idempotencyKey: 'key-00000001' });
    expect(again.replayed).toBe(true);
    expect(again.usageId).toBe(first.usageId);
    expect(mock.usages).toHaveLength(1);
  });

  it('refuses the same key with another body (422 idempotency-key-reused), without retrying', async () => {
    const api = setup();
    await api.registerUsage(usageFor('A045198723'), { idempotencyKey: 'key-00000002' });
    const error = await caught(
      api.registerUsage(usageFor('A045198723', { childTickets: 1 }), { idempotencyKey: 'key-00000002' }),
    );
    expect((error as ApiProblemError).problemCode).toBe('idempotency-key-reused');
    expect(error.status).toBe(422);
    expect(mock.requests.filter((r) => r === 'POST /api/v1/usages')).toHaveLength(2);
  });

  it('passes a rules refusal through with its code and reasons (cap reached)', async () => {
    const api = setup();
    const show = { ...usageFor('x').show, id: 'tiny', cap: 1 };
    await api.registerUsage(usageFor('A045198723', { show }), { idempotencyKey: 'key-00000003' });
    const error = await caught(
      api.registerUsage(usageFor('Y110029399', { show, group: { memberCardIds: [], under16Clients: 1 } }), {
        idempotencyKey: 'key-00000004',
      }),
    );
    expect(error).toBeInstanceOf(ApiProblemError);
    expect((error as ApiProblemError).problemCode).toBe('cap-reached');
    expect((error as ApiProblemError).problem.reasons?.[0]?.code).toBe('cap-reached');
  });

  it('validates the usage and the idempotency key before sending', async () => {
    const api = setup();
    const bad = await caught(
      api.registerUsage(usageFor('A045198723', { childTickets: -1 }), { idempotencyKey: 'k-000001' }),
    );
    expect(bad.code).toBe('invalid-request');
    expect((bad as ApiRequestError).issues.map((i) => i.path)).toContain('childTickets');
    const noKey = await caught(api.registerUsage(usageFor('A045198723'), { idempotencyKey: '' }));
    expect(noKey.code).toBe('invalid-request');
    expect(mock.requests).toEqual([]);
  });

  it('registers a batch with a result or a problem per item, in order', async () => {
    const api = setup();
    const response = await api.registerBatch([
      { idempotencyKey: 'batch-key-1', usage: usageFor('A045198723') },
      { idempotencyKey: 'batch-key-2', usage: usageFor('A999991234') },
      { idempotencyKey: 'batch-key-1', usage: usageFor('A045198723') },
    ]);
    expect(response.results.map((r) => (r.ok ? `ok:${r.replayed}` : r.problem.code))).toEqual([
      'ok:false',
      'card-not-registered',
      'ok:true',
    ]);
    await expect(api.registerBatch([])).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('reads the show tally and lists usages page by page', async () => {
    const api = setup();
    for (let i = 0; i < 5; i++) {
      await api.registerUsage(usageFor('A045198723'), { idempotencyKey: `list-key-${i}` });
    }
    await expect(api.getShowTally('taikuri-matti-2026-12-03')).resolves.toMatchObject({
      ticketsGiven: 5,
      cap: null,
    });
    const query = { venueId: 'teatteri-hilla', from: '2026-12-01', to: '2026-12-31', limit: 2 };
    const page = await api.listUsages(query);
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBe('2');
    const all: string[] = [];
    for await (const record of api.iterateUsages(query)) all.push(record.usageId);
    expect(all).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003',
      '00000000-0000-4000-8000-000000000004',
      '00000000-0000-4000-8000-000000000005',
    ]);
    await expect(api.listUsages({ ...query, from: '1.12.2026' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(api.getShowTally('')).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('answers health without a token problem', async () => {
    await expect(setup().health()).resolves.toMatchObject({ status: 'ok', version: 'mock' });
  });
});

describe('the transport seam', () => {
  it('lets a vendor answer from another backend shape, still validated by the contract', async () => {
    const seen: TransportRequest[] = [];
    const api = createApiClient({
      baseUrl: 'https://vendor.invalid/',
      getToken: () => 't',
      transport: async (request) => {
        seen.push(request);
        if (request.operation === 'lookupCard') {
          return Response.json({ ...activeCard, id: request.params.cardId });
        }
        return Response.json({ status: 'ok', version: '9', time: 'yesterday' });
      },
    });
    await expect(api.lookupCard('X000011986')).resolves.toMatchObject({ id: 'X000011986' });
    expect(seen[0]).toMatchObject({
      operation: 'lookupCard',
      method: 'POST',
      path: 'v1/cards/lookup',
      body: { cardId: 'X000011986' },
      attempt: 1,
    });
    expect(seen[0]?.headers.authorization).toBe('Bearer t');
    await expect(api.health()).rejects.toMatchObject({ code: 'schema' });
  });
});
