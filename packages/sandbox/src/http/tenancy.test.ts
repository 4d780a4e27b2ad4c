// Tenancy: a token bound to a venue acts for that venue only (register, batch, list, tally: 403 problem for any
// other), and an idempotency key belongs to the venue that used it: the same key from another venue's token neither
// collides with it nor replays its answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../start-sandbox.js';
import type { Sandbox } from '../start-sandbox.js';

vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

const A = 'teatteri-hilla';
const B = 'kulttuuritalo-kaiku';
const TOKEN_A = 'token-of-hilla-0001';
const TOKEN_B = 'token-of-kaiku-0002';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ memory: true, seed: true, venueTokens: { [TOKEN_A]: A, [TOKEN_B]: B } });
});
afterAll(() => sandbox.close());

const start = new Date(Date.now() + 7 * 86_400_000);
start.setUTCHours(16, 0, 0, 0);
const showStart = start.toISOString().replace('.000Z', 'Z');
const CLIENT_TIME = new Date().toISOString();
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(start);

function usage(venueId: string, showId: string, cardId = 'A045198723') {
  return {
    venueId,
    show: { id: showId, name: 'Tenancy', start: showStart, kind: 'show' },
    cardId,
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime: CLIENT_TIME,
  };
}

async function call(token: string, method: string, path: string, body?: unknown, key?: string) {
  const res = await fetch(new URL(path, sandbox.url), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    json: (await res.json()) as never,
  };
}

function expectForbidden(answer: { status: number; type: string; json: { code?: string; status?: number } }) {
  expect(answer.status).toBe(403);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.json).toMatchObject({ status: 403, code: 'forbidden' });
}

describe('a token bound to its venue', () => {
  it('refuses an unknown token', async () => {
    expect((await call('any-other-token', 'GET', `v1/venues/${A}/usages?from=${day}&to=${day}`)).status).toBe(
      401,
    );
  });

  it('registers, lists and reads tallies for its own venue only', async () => {
    const own = await call(TOKEN_A, 'POST', 'v1/usages', usage(A, 'hilla-show-1'), 'tenancy-key-0001');
    expect(own.status).toBe(201);
    expectForbidden(await call(TOKEN_A, 'POST', 'v1/usages', usage(B, 'kaiku-show-1'), 'tenancy-key-0002'));
    expectForbidden(await call(TOKEN_A, 'GET', `v1/venues/${B}/usages?from=${day}&to=${day}`));
    expect((await call(TOKEN_A, 'GET', `v1/venues/${A}/usages?from=${day}&to=${day}`)).status).toBe(200);
    // B's show: its tally is B's business. Show IDs are per venue: A reading that ID reads its own show of it.
    expect(
      (await call(TOKEN_B, 'POST', 'v1/usages', usage(B, 'kaiku-show-1'), 'tenancy-key-0003')).status,
    ).toBe(201);
    expect(await call(TOKEN_A, 'GET', 'v1/shows/kaiku-show-1/tally')).toMatchObject({
      status: 200,
      json: { usages: 0, ticketsGiven: 0 },
    });
    expect((await call(TOKEN_B, 'GET', 'v1/shows/kaiku-show-1/tally')).json).toMatchObject({ usages: 1 });
    // Nothing of the refused usage was written.
    const listB = await call(TOKEN_B, 'GET', `v1/venues/${B}/usages?from=${day}&to=${day}`);
    expect((listB.json as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses a batch item for another venue with a 403 problem, and registers the rest', async () => {
    const answer = await call(TOKEN_A, 'POST', 'v1/usages/batch', {
      items: [
        { idempotencyKey: 'tenancy-batch-0001', usage: usage(A, 'hilla-show-2') },
        { idempotencyKey: 'tenancy-batch-0002', usage: usage(B, 'kaiku-show-2') },
      ],
    });
    expect(answer.status).toBe(200);
    const results = (
      answer.json as { results: { ok: boolean; problem?: { status: number; code: string } }[] }
    ).results;
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, problem: { status: 403, code: 'forbidden' } });
  });
});

describe('idempotency keys are scoped to the venue of the token', () => {
  it('the same key from two venues registers twice, each replaying its own answer', async () => {
    const key = 'shared-key-0000001';
    const first = await call(TOKEN_A, 'POST', 'v1/usages', usage(A, 'hilla-show-3'), key);
    expect(first.status).toBe(201);
    // Same key, another venue's token and body: no 422 (that would reveal A used it), no replay of A's answer.
    const other = await call(TOKEN_B, 'POST', 'v1/usages', usage(B, 'kaiku-show-3', 'A999005458'), key);
    expect(other.status).toBe(201);
    const a = first.json as { usageId: string };
    const b = other.json as { usageId: string };
    expect(b.usageId).not.toBe(a.usageId);
    const againA = await call(TOKEN_A, 'POST', 'v1/usages', usage(A, 'hilla-show-3'), key);
    const againB = await call(TOKEN_B, 'POST', 'v1/usages', usage(B, 'kaiku-show-3', 'A999005458'), key);
    expect([againA.status, (againA.json as { usageId: string }).usageId]).toEqual([200, a.usageId]);
    expect([againB.status, (againB.json as { usageId: string }).usageId]).toEqual([200, b.usageId]);
  });
});
