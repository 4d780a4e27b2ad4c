// The client's `voidUsage` (issue 36.3) against msw: the contract's route and body, the result validated, retried like
// a keyed request (voiding is idempotent), refusals as problems with their codes and texts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createApiClient } from './create-api-client.js';
import { ApiProblemError } from './api-errors.js';
import { BASE } from './testing/fixtures.js';
import { localize } from '../messages/index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = () => createApiClient({ baseUrl: BASE, getToken: () => 'token', retry: { baseDelayMs: 1 } });
const tally = {
  showId: 's',
  cap: 3,
  ticketsGiven: 0,
  remaining: 3,
  usages: 0,
  updatedAt: '2026-12-03T10:00:00Z',
};
const voided = {
  usageId: '00000000-0000-4000-8000-000000000001',
  state: 'voided',
  voidedAt: '2026-12-03T10:05:00Z',
  tickets: { adult: 1, children: 2, groupMembers: 0, under16Clients: 0, total: 3 },
  showTally: tally,
};
const problem = (status: number, code: string, extra = {}) =>
  HttpResponse.json(
    { type: `https://kaiku-scanner.dev/problems/${code}`, title: code, status, code, ...extra },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );

describe('voidUsage', () => {
  it('posts {} to /v1/usages/{usageId}/void (encoded) and returns the validated result', async () => {
    const seen: string[] = [];
    server.use(
      http.post(`${BASE}v1/usages/:id/void`, async ({ request, params }) => {
        seen.push(`${String(params.id)} ${await request.text()} ${request.headers.get('authorization')}`);
        return HttpResponse.json(voided);
      }),
    );
    await expect(api().voidUsage(voided.usageId)).resolves.toEqual(voided);
    expect(seen).toEqual([`${voided.usageId} {} Bearer token`]);
  });

  it('retries a 503 (voiding is idempotent) and then succeeds', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}v1/usages/:id/void`, () =>
        ++calls === 1 ? problem(503, 'unavailable') : HttpResponse.json(voided),
      ),
    );
    await expect(api().voidUsage('00000000-0000-4000-8000-000000000001')).resolves.toMatchObject({
      state: 'voided',
    });
    expect(calls).toBe(2);
  });

  it('rejects a closed window as the problem void-window-closed, with its text, and does not retry it', async () => {
    let calls = 0;
    const reasons = [{ code: 'void-window-closed', params: { closesAt: '3.12.2026 12.15' } }];
    server.use(
      http.post(
        `${BASE}v1/usages/:id/void`,
        () => (calls++, problem(422, 'void-window-closed', { reasons })),
      ),
    );
    const error = (await api()
      .voidUsage('00000000-0000-4000-8000-000000000001')
      .catch((e: unknown) => e)) as ApiProblemError;
    expect(error).toBeInstanceOf(ApiProblemError);
    expect([error.problemCode, error.status, calls]).toEqual(['void-window-closed', 422, 1]);
    expect(localize({ code: 'void-window-closed', params: reasons[0]!.params }, 'sv')).toContain('12.15');
  });

  it('rejects an answer that is not a VoidResult (schema) and an empty ID before sending', async () => {
    server.use(
      http.post(`${BASE}v1/usages/:id/void`, () => HttpResponse.json({ ...voided, state: 'registered' })),
    );
    await expect(api().voidUsage('00000000-0000-4000-8000-000000000001')).rejects.toMatchObject({
      code: 'schema',
    });
    await expect(api().voidUsage('')).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('sends no ID but a usage handle, and refuses an answer naming the usage by a card ID (usage-id-invalid)', async () => {
    let calls = 0;
    server.use(
      http.post(
        `${BASE}v1/usages/:id/void`,
        () => (calls++, HttpResponse.json({ ...voided, usageId: 'A045198723' })),
      ),
    );
    for (const id of ['A045198723', 'u/1', '../cards/A045198723'])
      await expect(api().voidUsage(id)).rejects.toMatchObject({ code: 'invalid-request' });
    expect(calls).toBe(0);
    const error = (await api()
      .voidUsage(voided.usageId)
      .catch((e: unknown) => e)) as Error & { code: string };
    expect([error.code, calls]).toEqual(['usage-id-invalid', 1]);
    for (const locale of ['fi', 'sv', 'en'] as const)
      expect(localize(error, locale)).not.toContain('A045198723');
  });
});
