// The agent model (DOMAIN.md, Roles): a venue owns its shows and their caps; a ticket agent records usages for other
// venues' events (`forVenueId`) only for a venue that named it its agent, and such a usage counts against the owning
// venue's cap and tally without ever setting them. A token acts for its own venue; the test routes obey that too.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiClient, isKaikuError, localize } from '@kaiku-scanner/core';
import { startSandbox } from '../start-sandbox.js';
import type { Sandbox } from '../start-sandbox.js';

vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

const A = 'teatteri-hilla';
const B = 'kulttuuritalo-kaiku';
const AGENT = 'lippupiste';
const TOKENS = { a: 'token-of-hilla-1', b: 'token-of-kaiku-2', agent: 'token-of-agent-3' };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    memory: true,
    seed: true,
    testing: true,
    venueTokens: { [TOKENS.a]: A, [TOKENS.b]: B, [TOKENS.agent]: AGENT },
    agents: { [A]: [AGENT] },
  });
});
afterAll(() => sandbox.close());

const start = new Date(Date.now() + 7 * 86_400_000);
start.setUTCHours(16, 0, 0, 0);
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(start);
let keys = 0;

function usage(venueId: string, showId: string, cardId: string, extra: Record<string, unknown> = {}) {
  const { cap, ...rest } = extra as { cap?: number };
  return {
    venueId,
    show: {
      id: showId,
      name: 'Agents',
      start: start.toISOString(),
      kind: 'show',
      ...(cap === undefined ? {} : { cap }),
    },
    cardId,
    childTickets: 0,
    channel: 'forVenueId' in rest ? 'ticket-agent' : 'box-office',
    mode: 'booking',
    clientTime: new Date().toISOString(),
    ...rest,
  };
}

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(new URL(path, sandbox.url), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `agents-key-${++keys}-x`,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { code?: string } };
}
const register = (token: string, body: unknown) => call(token, 'POST', 'v1/usages', body);
const tally = async (token: string, show: string) =>
  (await call(token, 'GET', `v1/shows/${show}/tally`)).json as { ticketsGiven: number; cap: number | null };
const listed = async (token: string, venue: string) =>
  ((await call(token, 'GET', `v1/venues/${venue}/usages?from=${day}&to=${day}`)).json.items as unknown[]) ??
  [];

describe('acting for another venue (forVenueId)', () => {
  it("a venue that did not name B its agent: B's usage is 403 agent-not-authorized and spends nothing of A's cap", async () => {
    expect((await register(TOKENS.a, usage(A, 'a-show-1', 'A045198723', { cap: 1 }))).status).toBe(201);
    expect((await register(TOKENS.a, usage(A, 'a-show-2', 'A045198723', { cap: 1 }))).status).toBe(201);
    const b = await register(TOKENS.b, usage(B, 'a-show-2', 'A999005458', { forVenueId: A, cap: 9 }));
    expect([b.status, b.json.code]).toEqual([403, 'agent-not-authorized']);
    const bNew = await register(TOKENS.b, usage(B, 'a-show-3', 'A999005458', { forVenueId: A, cap: 9 }));
    expect([bNew.status, bNew.json.code]).toEqual([403, 'agent-not-authorized']);
    // A's cap of 1 on a-show-1 is still A's: the tally holds A's own usage only, and no a-show-3 exists.
    expect(await tally(TOKENS.a, 'a-show-2')).toMatchObject({ ticketsGiven: 1, cap: 1 });
    expect(await tally(TOKENS.a, 'a-show-3')).toMatchObject({ ticketsGiven: 0, cap: null });
    expect(await listed(TOKENS.a, A)).toHaveLength(2);
    // Nor can B read A's list.
    expect((await call(TOKENS.b, 'GET', `v1/venues/${A}/usages?from=${day}&to=${day}`)).status).toBe(403);
  });

  it("A's agent registers for A's show against A's cap and tally; its own cap is never A's setting", async () => {
    expect((await register(TOKENS.a, usage(A, 'a-show-4', 'A045198723', { cap: 2 }))).status).toBe(201);
    const sold = await register(
      TOKENS.agent,
      usage(AGENT, 'a-show-4', 'A999005458', { forVenueId: A, cap: 50 }),
    );
    expect(sold.status).toBe(201);
    expect(sold.json.showTally).toMatchObject({ ticketsGiven: 2, cap: 2, remaining: 0 });
    const over = await register(TOKENS.agent, usage(AGENT, 'a-show-4', 'A999005429', { forVenueId: A }));
    expect(over.json.code).toBe('cap-reached');
    expect(await listed(TOKENS.a, A)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ venueId: AGENT, forVenueId: A, cardId: 'A999005458' }),
      ]),
    );
    // The agent's list is its own venue's: A's sales are not in it, nor may it read A's.
    expect((await call(TOKENS.agent, 'GET', `v1/venues/${A}/usages?from=${day}&to=${day}`)).status).toBe(403);
  });

  it("an agent's usage for a show A has not set up stores nothing: A's own settings apply when A sets it up", async () => {
    const early = await register(
      TOKENS.agent,
      usage(AGENT, 'a-show-5', 'A045198723', { forVenueId: A, cap: 99 }),
    );
    expect(early.status).toBe(201);
    // Nothing stored: no cap (the agent's 99 is not A's setting); the usage is in A's show's tally.
    expect(early.json.showTally).toMatchObject({ cap: null, usages: 1 });
    // A's first own usage brings A's cap (2), which holds from then on.
    const own = await register(TOKENS.a, usage(A, 'a-show-5', 'A999005458', { cap: 2 }));
    expect(own.json.showTally).toMatchObject({ cap: 2, ticketsGiven: 1, usages: 2 });
    expect(
      (await register(TOKENS.agent, usage(AGENT, 'a-show-5', 'A999005429', { forVenueId: A }))).status,
    ).toBe(201);
    const over = await register(
      TOKENS.agent,
      usage(AGENT, 'a-show-5', 'A999005461', { forVenueId: A, cap: 99 }),
    );
    expect(over.json.code).toBe('cap-reached');
  });

  it('B cannot claim a show ID A needs later: show IDs are per venue', async () => {
    expect((await register(TOKENS.b, usage(B, 'premiere', 'A045198723', { cap: 1 }))).status).toBe(201);
    const a = await register(TOKENS.a, usage(A, 'premiere', 'A999005458', { cap: 3 }));
    expect([a.status, a.json.showTally]).toEqual([201, expect.objectContaining({ cap: 3, ticketsGiven: 1 })]);
    expect(await tally(TOKENS.b, 'premiere')).toMatchObject({ cap: 1, ticketsGiven: 1 });
  });

  it('a batch item for a venue that did not name the token its agent is refused, the others register', async () => {
    const answer = await call(TOKENS.b, 'POST', 'v1/usages/batch', {
      items: [
        { idempotencyKey: 'agents-batch-0001', usage: usage(B, 'b-show-1', 'A045198723') },
        { idempotencyKey: 'agents-batch-0002', usage: usage(B, 'a-show-1', 'A999005458', { forVenueId: A }) },
      ],
    });
    expect(answer.json.results).toEqual([
      expect.objectContaining({ ok: true }),
      expect.objectContaining({
        ok: false,
        problem: expect.objectContaining({ code: 'agent-not-authorized' }),
      }),
    ]);
  });

  it('the client reports it as http-403 with the problem code and its own text in fi, sv and en', async () => {
    const client = createApiClient({ baseUrl: sandbox.url, getToken: () => TOKENS.b });
    const error: unknown = await client
      .registerUsage(usage(B, 'a-show-1', 'A999005461', { forVenueId: A }) as never, {
        idempotencyKey: 'agents-client-0001',
      })
      .catch((e: unknown) => e);
    expect(isKaikuError(error)).toBe(true);
    const e = error as { code: string; params: { problemCode?: string } };
    expect([e.code, e.params.problemCode]).toEqual(['http-403', 'agent-not-authorized']);
    expect(localize(e, 'fi')).toContain('lipunvälittäjäkseen');
    expect(localize(e, 'sv')).toContain('biljettförmedlare');
    expect(localize(e, 'en')).toContain('ticket agent');
  });
});

describe("a look-up for a show carries the card's booking (issue 62)", () => {
  const lookup = async (token: string, cardId: string, forShow?: { venueId: string; showId: string }) =>
    call(token, 'POST', 'v1/cards/lookup', { cardId, ...(forShow ? { forShow } : {}) });
  const forShow = { venueId: A, showId: 'a-show-8' };

  it("an agent's booking: by the agent, then collected at a terminal, covered, never counted twice", async () => {
    // A's show, set up with its cap by A's own first usage (an agent's usage stores no settings).
    expect((await register(TOKENS.a, usage(A, 'a-show-8', 'A999005461', { cap: 4 }))).status).toBe(201);
    const sold = usage(AGENT, 'a-show-8', 'A999005429', { forVenueId: A, childTickets: 1 });
    expect((await register(TOKENS.agent, sold)).status).toBe(201);
    expect((await lookup(TOKENS.a, 'A999005429')).json).not.toHaveProperty('booking');
    const booked = (await lookup(TOKENS.a, 'A999005429', forShow)).json;
    expect(booked).toMatchObject({ id: 'A999005429', status: 'active' });
    expect(booked.booking).toMatchObject({ by: AGENT, channel: 'ticket-agent', tickets: { children: 1 } });
    expect(booked.booking).not.toHaveProperty('collected');
    const collect = { mode: 'collection', childTickets: 1, terminal: 'Ovi 1' };
    const done = await register(TOKENS.a, usage(A, 'a-show-8', 'A999005429', collect));
    expect(done.json).toMatchObject({
      countedAgainstCap: 0,
      coveredByBooking: 2,
      showTally: { ticketsGiven: 3 },
    });
    const after = (await lookup(TOKENS.a, 'A999005429', forShow)).json.booking as Record<string, unknown>;
    expect(after['collected']).toEqual({
      at: (done.json as { registeredAt: string }).registeredAt,
      terminal: 'Ovi 1',
    });
    // Another card, or another show: no booking. The agent may not read A's bookings.
    expect((await lookup(TOKENS.a, 'A999005458', forShow)).json).not.toHaveProperty('booking');
    const other = { venueId: A, showId: 'a-show-9' };
    expect((await lookup(TOKENS.a, 'A999005429', other)).json).not.toHaveProperty('booking');
    expect((await lookup(TOKENS.agent, 'A999005429', forShow)).status).toBe(403);
  });

  it('a voided booking is no booking; an unknown member of forShow is refused by name', async () => {
    const sold = await register(TOKENS.a, usage(A, 'a-show-10', 'A045198723', { channel: 'reservation' }));
    const id = (sold.json as { usageId: string }).usageId;
    const show = { venueId: A, showId: 'a-show-10' };
    expect((await lookup(TOKENS.a, 'A045198723', show)).json.booking).toMatchObject({
      by: A,
      channel: 'reservation',
    });
    expect((await call(TOKENS.a, 'POST', `v1/usages/${id}/void`, {})).status).toBe(200);
    expect((await lookup(TOKENS.a, 'A045198723', show)).json).not.toHaveProperty('booking');
    const odd = await call(TOKENS.a, 'POST', 'v1/cards/lookup', {
      cardId: 'A045198723',
      forShow: { ...show, show: 'x' },
    });
    expect([odd.status, odd.json['issues']]).toEqual([
      400,
      [expect.objectContaining({ path: 'forShow.show', code: 'unknown-field' })],
    ]);
  });
});

describe('test routes with venue-bound tokens', () => {
  const post = (token: string, path: string, body: unknown = {}) =>
    call(token, 'POST', `__sandbox/${path}`, body);

  it("B's token resets B's data only, and may not move every venue's clock or cards", async () => {
    expect((await register(TOKENS.a, usage(A, 'a-show-6', 'A045198723'))).status).toBe(201);
    expect((await register(TOKENS.b, usage(B, 'b-show-6', 'A045198723'))).status).toBe(201);
    const count = async (token: string, show: string) =>
      (await call(token, 'GET', `__sandbox/usages/count?cardId=A045198723&showId=${show}`)).json.count;
    expect([await count(TOKENS.b, 'a-show-6'), await count(TOKENS.a, 'a-show-6')]).toEqual([0, 1]);
    expect((await post(TOKENS.b, 'reset')).status).toBe(200);
    expect([await count(TOKENS.a, 'a-show-6'), await count(TOKENS.b, 'b-show-6')]).toEqual([1, 0]);
    expect(await listed(TOKENS.a, A)).not.toHaveLength(0);
    for (const [path, body] of [
      ['clock', { offsetMs: 86_400_000 }],
      ['delay', { ms: 10 }],
      [
        'cards',
        {
          id: 'A045198723',
          prefix: 'A',
          kind: 'client',
          status: 'inactive',
          validUntil: '2030-01-01',
          minors: 0,
        },
      ],
    ] as const) {
      const answer = await post(TOKENS.b, path, body);
      expect([path, answer.status, answer.json.code]).toEqual([path, 403, 'forbidden']);
    }
    const show = { id: 'a-show-7', name: 'x', kind: 'show', start: start.toISOString(), cap: 0 };
    expect((await post(TOKENS.b, 'shows', { venueId: A, show })).json.code).toBe('forbidden');
    expect((await post(TOKENS.b, 'shows', { venueId: B, show })).status).toBe(201);
  });

  it("B's token sees the state of its own idempotency keys only", async () => {
    const key = 'agents-scoped-key-1';
    const res = await fetch(new URL('v1/usages', sandbox.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKENS.a}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(usage(A, 'a-show-8', 'A045198723')),
    });
    expect(res.status).toBe(201);
    const state = async (token: string) => (await call(token, 'GET', `__sandbox/keys?key=${key}`)).json.state;
    expect([await state(TOKENS.a), await state(TOKENS.b)]).toEqual(['done', null]);
  });
});
