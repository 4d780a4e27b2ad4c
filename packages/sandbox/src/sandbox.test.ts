import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, ApiProblemError, isKaikuError, readProblemReasons } from '@kaiku-scanner/core';
import { buildOpenApiDocument } from '@kaiku-scanner/core/contract';
import type { ApiClient } from '@kaiku-scanner/core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { startSandbox } from './start-sandbox.js';
import type { Sandbox } from './start-sandbox.js';
import { helsinkiDay } from './clock.js';

// vitest's SSR resolver does not apply the `source` export condition (resolve.conditions is client-only
// in Vite 6+), so the package name would load core's built dist/. Point it at the sources instead.
vi.mock('@kaiku-scanner/core', () => import('../../core/src/index.js'));

let dir: string;
let sandbox: Sandbox;
let api: ApiClient;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaiku-sandbox-'));
  sandbox = await startSandbox({
    db: join(dir, 'sandbox.db'),
    seed: true,
    testing: true,
    logger: (l) => logs.push(l),
  });
  api = createApiClient({ baseUrl: sandbox.url, getToken: () => 'dev-token', retry: { baseDelayMs: 5 } });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${sandbox.url}__sandbox/reset`, { method: 'POST', headers: TEST_HEADERS, body: '{}' });
});

/** Test routes take the bearer token like the API and JSON only. */
const TEST_HEADERS = { authorization: 'Bearer test-support', 'content-type': 'application/json' };

let keySeq = 0;
const key = (): string => `test-key-${Date.now()}-${++keySeq}`;
const listShow = {
  id: 'list-show',
  name: 'Listattava',
  start: '2030-01-01T18:00:00+02:00',
  kind: 'show' as const,
};

function usage(cardId: string, overrides: Partial<UsageRequest> = {}): UsageRequest {
  return {
    venueId: 'teatteri-hilla',
    show: {
      id: 'hilla-taikuri-matti',
      name: 'Taikuri Matti',
      start: '2030-01-01T18:00:00+02:00',
      kind: 'show',
    },
    cardId,
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2026-11-21T08:00:00Z',
    ...overrides,
  };
}

/** Waits until the sandbox has claimed `key` (state pending), so a duplicate is sent at the right time. */
async function waitForPending(url: string, key: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { state } = (await (
      await fetch(`${url}__sandbox/keys?key=${key}`, { headers: TEST_HEADERS })
    ).json()) as {
      state: string | null;
    };
    if (state === 'pending') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the key never became pending');
}

async function problemCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isKaikuError(error)).toBe(true);
    return error instanceof ApiProblemError ? error.problemCode : (error as { code: string }).code;
  }
  throw new Error('expected a rejection');
}

describe('sandbox options', () => {
  it('refuses a misspelt option by name, with the one it meant, and starts nothing', async () => {
    for (const [options, path, suggestion] of [
      [{ tokne: 'x' }, 'tokne', 'token'],
      [{ limits: { maxConnection: 1 } }, 'limits.maxConnection', 'maxConnections'],
      [{ rateLimit: { perSecond: 1, brust: 2 } }, 'rateLimit.brust', 'burst'],
    ] as const) {
      const error: unknown = await startSandbox(options as never).then(
        (s) => s.close().then(() => undefined),
        (e: unknown) => e,
      );
      expect(isKaikuError(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'unknown-field',
        params: { path, suggestion, where: 'startSandbox' },
      });
    }
  });
});

describe('the client against the real sandbox', () => {
  it('health, with the server clock', async () => {
    const health = await api.health();
    expect(health.status).toBe('ok');
    expect(Math.abs(Date.parse(health.time) - Date.now())).toBeLessThan(5000);
  });

  it('looks up seeded cards of every state; an unregistered card is 404 card-not-registered', async () => {
    const today = helsinkiDay(new Date());
    expect(await api.lookupCard('A045198723')).toMatchObject({ kind: 'client', status: 'active', minors: 2 });
    expect((await api.lookupCard('A999991234')).status).toBe('use-ban');
    expect((await api.lookupCard('A999005403')).status).toBe('in-transfer');
    expect((await api.lookupCard('A999005380')).status).toBe('inactive');
    expect((await api.lookupCard('A999005422')).validUntil).toBe(today);
    expect(await api.lookupCard('Z000010669')).toMatchObject({ prefix: 'Z', kind: 'community', minors: 0 });
    expect(await api.lookupCard('YM11002940')).toMatchObject({ prefix: 'YM', kind: 'community' });
    expect(await problemCode(api.lookupCard('A999000001'))).toBe('card-not-registered');
  });

  it('registers, replays the first result for the same key, and refuses the key with another body', async () => {
    const k = key();
    const first = await api.registerUsage(usage('A045198723', { childTickets: 2 }), { idempotencyKey: k });
    expect(first).toMatchObject({
      replayed: false,
      tickets: { total: 3 },
      showTally: { cap: 6, ticketsGiven: 3 },
    });
    const again = await api.registerUsage(usage('A045198723', { childTickets: 2 }), { idempotencyKey: k });
    expect(again).toMatchObject({ replayed: true, usageId: first.usageId, registeredAt: first.registeredAt });
    expect(
      await problemCode(api.registerUsage(usage('A045198723', { childTickets: 1 }), { idempotencyKey: k })),
    ).toBe('idempotency-key-reused');
    expect((await api.getShowTally('hilla-taikuri-matti')).ticketsGiven).toBe(3);
  });

  it('decides with the rules core on the server: every reason is listed', async () => {
    const error = await api
      .registerUsage(usage('A999991234', { childTickets: 3 }), { idempotencyKey: key() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblemError);
    const problem = (error as ApiProblemError).problem;
    expect(problem.status).toBe(422);
    expect(problem.reasons?.map((r) => r.code)).toEqual(['card-use-banned', 'too-many-children']);
    expect(await problemCode(api.registerUsage(usage('A999005416'), { idempotencyKey: key() }))).toBe(
      'card-expired',
    );
    await expect(api.registerUsage(usage('A999005422'), { idempotencyKey: key() })).resolves.toMatchObject({
      replayed: false,
    });
    const course = {
      id: 'hilla-keramiikka',
      name: 'Keramiikkakurssi',
      start: '2030-01-01T17:00:00+02:00',
      kind: 'course' as const,
    };
    expect(
      await problemCode(
        api.registerUsage(usage('A045198723', { show: course, childTickets: 1 }), { idempotencyKey: key() }),
      ),
    ).toBe('children-on-course');
  });

  it('checks a community group: members need registered, active cards', async () => {
    const show = {
      id: 'group-show',
      name: 'Ryhmänäytös',
      start: '2030-02-01T18:00:00+02:00',
      kind: 'show' as const,
    };
    const ok = await api.registerUsage(
      usage('Y110029399', {
        show,
        group: { memberCardIds: ['A999005458', 'X000011986'], under16Clients: 2 },
      }),
      { idempotencyKey: key() },
    );
    expect(ok.tickets).toEqual({ adult: 1, children: 0, groupMembers: 2, under16Clients: 2, total: 5 });
    const error = (await api
      .registerUsage(
        usage('Y110029399', {
          show: { ...show, id: 'group-show-2' },
          group: { memberCardIds: ['A999000001', 'A999005380'], under16Clients: 0 },
        }),
        {
          idempotencyKey: key(),
        },
      )
      .catch((e: unknown) => e)) as ApiProblemError;
    expect(error.problem.reasons).toEqual([
      { code: 'group-member-invalid', params: { position: 1, cause: 'card-not-registered' } },
      { code: 'group-member-invalid', params: { position: 2, cause: 'card-inactive' } },
    ]);
  });

  it('a collection of a booked ticket is not counted against the cap twice', async () => {
    const show = {
      id: 'hilla-kamari',
      name: 'Kamari',
      start: '2030-01-01T18:00:00+02:00',
      kind: 'small-show' as const,
    };
    await api.registerUsage(usage('A999005458', { show }), { idempotencyKey: key() });
    expect((await api.getShowTally('hilla-kamari')).remaining).toBe(0);
    const collected = await api.registerUsage(usage('A999005458', { show, mode: 'collection' }), {
      idempotencyKey: key(),
    });
    expect(collected.showTally).toMatchObject({ ticketsGiven: 1, usages: 2 });
    expect(
      await problemCode(api.registerUsage(usage('X000011986', { show }), { idempotencyKey: key() })),
    ).toBe('cap-reached');
  });

  it('a collection hands out what was booked; tickets beyond the booking count against the cap', async () => {
    const show = {
      id: 'cap-three',
      name: 'Kolme',
      start: '2030-01-01T18:00:00+02:00',
      kind: 'show' as const,
    };
    const capped = { ...show, cap: 3 };
    for (const id of ['A045198723', 'A999005461', 'X000011656']) {
      await api.registerUsage(usage(id, { show: capped }), { idempotencyKey: key() });
    }
    expect(await api.getShowTally('cap-three')).toMatchObject({ ticketsGiven: 3, remaining: 0 });
    // Fully booked (3/3): collecting one of the 1-ticket bookings with 2 children would put 5 tickets out.
    const over = usage('A045198723', { show: capped, mode: 'collection', childTickets: 2 });
    expect(await problemCode(api.registerUsage(over, { idempotencyKey: key() }))).toBe('cap-reached');
    // What was booked can always be collected, also on a full show, and counts nothing more.
    const exact = await api.registerUsage(usage('A045198723', { show: capped, mode: 'collection' }), {
      idempotencyKey: key(),
    });
    expect(exact.countedAgainstCap).toBe(0);
    expect(exact.coveredByBooking).toBe(1);
    expect(exact.showTally).toMatchObject({ ticketsGiven: 3, remaining: 0, usages: 4 });
    // That booking is collected: collecting it again would be a second usage of the card for the show.
    const again = usage('A045198723', { show: capped, mode: 'collection' });
    expect(await problemCode(api.registerUsage(again, { idempotencyKey: key() }))).toBe('already-used');
  });

  it('a collection beyond its booking counts only the extra tickets, and only while they fit', async () => {
    const show = {
      id: 'cap-five-c',
      name: 'Viisi',
      start: '2030-01-01T18:00:00+02:00',
      kind: 'show',
      cap: 5,
    };
    const capped = { ...show, kind: 'show' as const };
    await api.registerUsage(usage('A999005461', { show: capped, childTickets: 1 }), {
      idempotencyKey: key(),
    });
    await api.registerUsage(usage('A999005458', { show: capped }), { idempotencyKey: key() });
    // 3 of 5 given; the 2-ticket booking is collected with 3 children: 4 tickets, 2 beyond the booking.
    const more = await api.registerUsage(
      usage('A999005461', { show: capped, mode: 'collection', childTickets: 3 }),
      { idempotencyKey: key() },
    );
    expect(more).toMatchObject({ countedAgainstCap: 2, coveredByBooking: 2 });
    expect(more.showTally).toMatchObject({ ticketsGiven: 5, remaining: 0 });
    // A walk-in collection (no booking) is a new usage like any other.
    const walkIn = usage('A999005429', { show: capped, mode: 'collection' });
    expect(await problemCode(api.registerUsage(walkIn, { idempotencyKey: key() }))).toBe('cap-reached');
  });

  it('refuses a second usage of a card for the same show, naming when and where; its booking is collected once', async () => {
    const show = {
      id: 'once',
      name: 'Kerran',
      start: '2030-01-01T18:00:00+02:00',
      kind: 'show' as const,
      cap: 6,
    };
    const booked = await api.registerUsage(usage('A999005461', { show, terminal: 'Kassa 2' }), {
      idempotencyKey: key(),
    });
    const refusal = async (body: UsageRequest) =>
      (await api.registerUsage(body, { idempotencyKey: key() }).catch((e: unknown) => e)) as ApiProblemError;
    // Another booking, also with other child counts and from another terminal: the card already has its ticket.
    const again = await refusal(usage('A999005461', { show, childTickets: 1, terminal: 'Ovi' }));
    expect([again.status, again.problem.reasons]).toEqual([
      422,
      [{ code: 'already-used', params: { at: booked.registeredAt, terminal: 'Kassa 2' } }],
    ]);
    expect(readProblemReasons(again.problem)[0]?.message.fi).toMatch(
      /^Kortilla on jo lippu tähän tapahtumaan \(\d+\.\d+\.\d{4} klo \d\d\.\d\d, Kassa 2\)\.$/,
    );
    // The collection of its own booking is that booking's usage; a second collection is not.
    const collected = await api.registerUsage(usage('A999005461', { show, mode: 'collection' }), {
      idempotencyKey: key(),
    });
    expect(collected.coveredByBooking).toBe(1);
    const twice = await refusal(usage('A999005461', { show, mode: 'collection', terminal: 'Kassa 2' }));
    expect(twice.problem.reasons).toEqual([{ code: 'already-used', params: { at: collected.registeredAt } }]);
    // Nothing more was recorded; another show, or another card, is another usage; the terminal is listed back.
    expect((await api.getShowTally('once')).usages).toBe(2);
    await api.registerUsage(usage('A999005461', { show: { ...show, id: 'once-more' } }), {
      idempotencyKey: key(),
    });
    await api.registerUsage(usage('A999005458', { show }), { idempotencyKey: key() });
    const query = { venueId: 'teatteri-hilla', from: '2030-01-01', to: '2030-01-01' };
    expect((await api.listUsages(query)).items.map((u) => u.terminal)).toEqual([
      'Kassa 2',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('refuses a terminal name that is too long, empty or hides characters, naming the field', async () => {
    const cases = {
      ['x'.repeat(41)]: 'too-large',
      '': 'too-small',
      'Kassa\u200b2': 'bad-format',
      // A card ID in full-width digits or in groups: shown to other clerks in a later already-used refusal.
      Ａ０４５１９８７２３: 'bad-format',
      'A045 198 723': 'bad-format',
    };
    for (const [terminal, code] of Object.entries(cases)) {
      const answer = await fetch(`${sandbox.url}v1/usages`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer dev-token',
          'content-type': 'application/json',
          'idempotency-key': key(),
        },
        body: JSON.stringify(usage('A999005461', { terminal })),
      });
      expect([answer.status, ((await answer.json()) as { issues: { path: string }[] }).issues]).toMatchObject(
        [400, [{ path: 'terminal', code }]],
      );
    }
  });

  it('registers a batch with per-item results, replays included', async () => {
    const k1 = key();
    const response = await api.registerBatch([
      { idempotencyKey: k1, usage: usage('A999005458') },
      { idempotencyKey: key(), usage: usage('A999000001') },
      { idempotencyKey: key(), usage: usage('A999005380') },
      { idempotencyKey: k1, usage: usage('A999005458') },
    ]);
    expect(response.results.map((r) => (r.ok ? `ok:${r.replayed}` : r.problem.code))).toEqual([
      'ok:false',
      'card-not-registered',
      'card-inactive',
      'ok:true',
    ]);
  });

  it('lists a venue’s usages page by page, agent sales for the venue included, other venues not', async () => {
    for (let i = 0; i < 5; i++) {
      const show = { ...listShow, id: `list-show-${i}` };
      await api.registerUsage(usage('A999005458', { show }), { idempotencyKey: key() });
    }
    const agentShow = {
      id: 'agent-show',
      name: 'Agentin myymä',
      start: '2030-01-02T19:00:00+02:00',
      kind: 'show' as const,
    };
    await api.registerUsage(
      usage('X000011986', {
        venueId: 'lippupiste',
        channel: 'ticket-agent',
        forVenueId: 'teatteri-hilla',
        show: agentShow,
      }),
      { idempotencyKey: key() },
    );
    const elsewhere = { ...agentShow, id: 'elsewhere' };
    await api.registerUsage(usage('X000011986', { venueId: 'other-venue', show: elsewhere }), {
      idempotencyKey: key(),
    });
    const query = { venueId: 'teatteri-hilla', from: '2030-01-01', to: '2030-01-31', limit: 4 };
    const first = await api.listUsages(query);
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    const all = [];
    for await (const record of api.iterateUsages(query)) all.push(record);
    expect(all).toHaveLength(6);
    expect(all.at(-1)).toMatchObject({
      channel: 'ticket-agent',
      forVenueId: 'teatteri-hilla',
      tickets: { total: 1 },
    });
    expect((await api.listUsages({ ...query, from: '2030-01-02', to: '2030-01-02' })).items).toHaveLength(1);
  });

  it('a duplicate still in progress gets 409, which the client retries into the first result', async () => {
    await fetch(`${sandbox.url}__sandbox/delay`, {
      method: 'POST',
      headers: TEST_HEADERS,
      body: '{"ms":1500}',
    });
    const k = key();
    const body = JSON.stringify(usage('A999005458'));
    const headers = { authorization: 'Bearer t', 'content-type': 'application/json', 'idempotency-key': k };
    const first = fetch(`${sandbox.url}v1/usages`, { method: 'POST', headers, body });
    await waitForPending(sandbox.url, k);
    const second = await fetch(`${sandbox.url}v1/usages`, { method: 'POST', headers, body });
    expect(second.status).toBe(409);
    expect(second.headers.get('retry-after')).toBe('1');
    expect((await second.json()).code).toBe('idempotency-key-in-progress');
    expect((await first).status).toBe(201);
    const viaClient = await api.registerUsage(usage('A999005458'), { idempotencyKey: k });
    expect(viaClient.replayed).toBe(true);
  });
});

describe('HTTP details of the sandbox', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json', ...headers },
      body,
    });

  it('refuses an unknown or misspelt field by name instead of dropping it ("Cap": 1 is not an uncapped show)', async () => {
    const sent = usage('A999005458', {
      show: { id: 'cap-typo', name: 'Kirjoitusvirhe', start: '2030-01-01T18:00:00+02:00', kind: 'show' },
    });
    const body = JSON.stringify({ ...sent, show: { ...sent.show, Cap: 1 }, children: 1 });
    const response = await post('v1/usages', body, { 'idempotency-key': key() });
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.code).toBe('invalid-request');
    expect(problem.issues).toEqual([
      { path: 'show.Cap', code: 'unknown-field', suggestion: 'cap' },
      { path: 'children', code: 'unknown-field', suggestion: 'childTickets' },
    ]);
    expect(problem.detail).toBe(
      '`show.Cap` is not a field; did you mean `cap`? `children` is not a field; did you mean `childTickets`?',
    );
    // Nothing was stored: the show is still unknown, so a later usage with the right field sets its cap.
    await api.registerUsage(usage('A999005458', { show: { ...sent.show, cap: 1 } }), {
      idempotencyKey: key(),
    });
    expect(await api.getShowTally('cap-typo')).toMatchObject({ cap: 1, ticketsGiven: 1, remaining: 0 });
    const viaTestRoute = await post(
      '__sandbox/shows',
      JSON.stringify({ venueId: 'x', show: { ...sent.show, Cap: 1 } }),
    );
    expect(viaTestRoute.status).toBe(400);
    expect((await viaTestRoute.json()).issues).toEqual([
      { path: 'show.Cap', code: 'unknown-field', suggestion: 'cap' },
    ]);
    // No validator's own codes reach a person: every issue code is the contract's.
    const wrong = await post('v1/usages', JSON.stringify({ ...sent, childTickets: 1.5, mode: 'sale' }), {
      'idempotency-key': key(),
    });
    const wrongProblem = await wrong.json();
    expect(wrongProblem.issues).toEqual([
      { path: 'childTickets', code: 'not-whole' },
      { path: 'mode', code: 'not-allowed' },
    ]);
    expect(wrongProblem.detail).toBe('`childTickets` is not a whole number. `mode` is not an allowed value.');
  });

  it('answers 400 for a missing key, 401 without a token, problems for bad bodies', async () => {
    const body = JSON.stringify(usage('A999005458'));
    const missing = await post('v1/usages', body);
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await missing.json()).code).toBe('idempotency-key-missing');
    const noToken = await fetch(`${sandbox.url}v1/cards/A999005458`);
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const badJson = await post('v1/usages', '{', { 'idempotency-key': key() });
    expect([badJson.status, (await badJson.json()).code]).toEqual([400, 'invalid-request']);
    const badShape = await post('v1/usages', '{"cardId":"A999005458"}', { 'idempotency-key': key() });
    const problem = await badShape.json();
    expect(problem.issues.map((i: { path: string }) => i.path)).toContain('venueId');
    const big = await post(
      'v1/usages/batch',
      JSON.stringify({ items: Array.from({ length: 101 }, () => ({})) }),
    );
    expect([big.status, (await big.json()).code]).toEqual([413, 'batch-too-large']);
    const unknown = await fetch(`${sandbox.url}v1/nothing`, { headers: { authorization: 'Bearer t' } });
    expect(unknown.status).toBe(404);
  });

  it('serves the generated OpenAPI document and printable demo cards', async () => {
    const doc = await (await fetch(`${sandbox.url}openapi.json`)).json();
    expect(doc).toStrictEqual(buildOpenApiDocument());
    const page = await fetch(`${sandbox.url}demo-cards`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('A045198723');
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(2 * 16);
    expect(html).toContain('@media print');
  });

  it('allows CORS from any localhost page only, with Retry-After exposed', async () => {
    const preflight = await fetch(`${sandbox.url}v1/usages`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    const get = await fetch(`${sandbox.url}v1/health`, { headers: { origin: 'http://127.0.0.1:8000' } });
    expect(get.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
    const foreign = await fetch(`${sandbox.url}v1/health`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never logs a card ID in full', async () => {
    await api.lookupCard('A045198723');
    await api.registerUsage(usage('A045198723'), { idempotencyKey: key() });
    await api.lookupCard('A999000001').catch(() => undefined);
    const text = logs.join('\n');
    // The client looks cards up with the ID in the body: the log line (a URL) has none to mask.
    expect(text).toContain('POST /v1/cards/lookup 200');
    await fetch(`${sandbox.url}v1/cards/A045198723`, { headers: { authorization: 'Bearer t' } });
    expect(logs.join('\n')).toContain('GET /v1/cards/A0451••••• 200');
    for (const id of ['A045198723', 'A999000001']) expect(text).not.toContain(id);
  });

  it('moves its clock in testing mode: a card expiring today is refused tomorrow', async () => {
    await post('__sandbox/clock', JSON.stringify({ offsetMs: 86_400_000 }));
    expect(await problemCode(api.registerUsage(usage('A999005422'), { idempotencyKey: key() }))).toBe(
      'card-expired',
    );
  });
});

describe('options', () => {
  it('a configured token is required exactly; without testing there are no /__sandbox/ routes', async () => {
    const strict = await startSandbox({ memory: true, seed: true, token: 'right' });
    try {
      const wrong = createApiClient({ baseUrl: strict.url, getToken: () => 'wrong' });
      expect(await problemCode(wrong.lookupCard('A045198723'))).toBe('http-401');
      const right = createApiClient({ baseUrl: strict.url, getToken: () => 'right' });
      await expect(right.lookupCard('A045198723')).resolves.toMatchObject({ id: 'A045198723' });
      expect(
        (
          await fetch(`${strict.url}__sandbox/reset`, {
            method: 'POST',
            headers: { ...TEST_HEADERS, authorization: 'Bearer right' },
            body: '{}',
          })
        ).status,
      ).toBe(404);
    } finally {
      await strict.close();
    }
  });
});
