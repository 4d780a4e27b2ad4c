// Voiding a usage (issue 36.3): idempotent, gives the tally back, shows as voided in the list, refused outside the
// window and for another venue's usage; persisted in SQLite (a file database, reopened).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../start-sandbox.js';
import type { Sandbox } from '../start-sandbox.js';

vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

const A = 'teatteri-hilla';
const B = 'kulttuuritalo-kaiku';
const TOKENS = { a: 'token-of-hilla-1', b: 'token-of-kaiku-2' };
const dir = mkdtempSync(join(tmpdir(), 'kaiku-void-'));
const file = join(dir, 'sandbox.db');

let bound: Sandbox;
let open: Sandbox;
beforeAll(async () => {
  bound = await startSandbox({
    db: file,
    seed: true,
    testing: true,
    venueTokens: { [TOKENS.a]: A, [TOKENS.b]: B },
  });
  open = await startSandbox({ memory: true, seed: true, testing: true });
});
afterAll(async () => {
  await Promise.all([bound?.close(), open?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const inAWeek = new Date(Date.now() + 7 * 86_400_000);
const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(d);
let keys = 0;

const usage = (showId: string, cardId: string, start = inAWeek, childTickets = 0) => ({
  venueId: A,
  show: { id: showId, name: 'Undo', start: start.toISOString(), kind: 'show', cap: 3 },
  cardId,
  childTickets,
  channel: 'box-office',
  mode: 'booking',
  clientTime: new Date().toISOString(),
});

async function call(server: Sandbox, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(new URL(path, server.url), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `void-key-${++keys}-x`,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { code?: string } };
}
const register = async (server: Sandbox, token: string, body: unknown) => {
  const r = await call(server, token, 'POST', 'v1/usages', body);
  expect(r.status).toBe(201);
  return r.json.usageId as string;
};
const voidIt = (server: Sandbox, token: string, id: string, body: unknown = {}) =>
  call(server, token, 'POST', `v1/usages/${id}/void`, body);
const given = async (server: Sandbox, token: string, show: string) =>
  (await call(server, token, 'GET', `v1/shows/${show}/tally`)).json.ticketsGiven;

describe('POST /v1/usages/{usageId}/void', () => {
  it('gives the tally back, answers a second void with the same result, and lists the usage as voided', async () => {
    const id = await register(bound, TOKENS.a, usage('undo-1', 'A045198723', inAWeek, 2));
    expect(await given(bound, TOKENS.a, 'undo-1')).toBe(3);
    // The cap of 3 is spent: another card is refused until the void gives the tickets back.
    const full = await call(bound, TOKENS.a, 'POST', 'v1/usages', usage('undo-1', 'A999005458'));
    expect(full.json.code).toBe('cap-reached');
    const first = await voidIt(bound, TOKENS.a, id);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      usageId: id,
      state: 'voided',
      showTally: { ticketsGiven: 0, remaining: 3 },
    });
    const again = await voidIt(bound, TOKENS.a, id);
    expect([again.status, again.json.voidedAt]).toEqual([200, first.json.voidedAt]);
    expect(await given(bound, TOKENS.a, 'undo-1')).toBe(0);
    await register(bound, TOKENS.a, usage('undo-1', 'A999005458'));
    const list = await call(
      bound,
      TOKENS.a,
      'GET',
      `v1/venues/${A}/usages?from=${day(inAWeek)}&to=${day(inAWeek)}`,
    );
    const items = list.json.items as { usageId: string; state: string; voidedAt?: string }[];
    expect(items.find((u) => u.usageId === id)).toMatchObject({
      state: 'voided',
      voidedAt: first.json.voidedAt,
    });
    expect(items.filter((u) => u.state === 'registered')).toHaveLength(1);
  });

  it('lets the card be used again for the show once its usage is voided (a voided usage is not "already used")', async () => {
    const id = await register(bound, TOKENS.a, usage('undo-again', 'A045198723'));
    const second = await call(bound, TOKENS.a, 'POST', 'v1/usages', usage('undo-again', 'A045198723'));
    expect([second.status, second.json.code]).toEqual([422, 'already-used']);
    expect((await voidIt(bound, TOKENS.a, id)).status).toBe(200);
    await register(bound, TOKENS.a, usage('undo-again', 'A045198723'));
    expect(await given(bound, TOKENS.a, 'undo-again')).toBe(1);
  });

  it("refuses another venue's usage (403) and an unknown one (404 usage-not-found), changing nothing", async () => {
    const id = await register(bound, TOKENS.a, usage('undo-2', 'A045198723'));
    const other = await voidIt(bound, TOKENS.b, id);
    expect([other.status, other.json.code]).toEqual([403, 'forbidden']);
    expect(await given(bound, TOKENS.a, 'undo-2')).toBe(1);
    const unknown = await voidIt(bound, TOKENS.a, 'no-such-usage');
    expect([unknown.status, unknown.json.code]).toEqual([404, 'usage-not-found']);
  });

  it('refuses a body with fields, naming them', async () => {
    const id = await register(bound, TOKENS.a, usage('undo-3', 'A045198723'));
    const odd = await voidIt(bound, TOKENS.a, id, { reason: 'x' });
    expect(odd.status).toBe(400);
    expect(odd.json.issues).toEqual([expect.objectContaining({ path: 'reason', code: 'unknown-field' })]);
  });

  it('refuses once the show has started (422 void-window-closed with its closing time)', async () => {
    const started = new Date(Date.now() - 60_000);
    const id = await register(bound, TOKENS.a, usage('undo-4', 'A045198723', started));
    const late = await voidIt(bound, TOKENS.a, id);
    expect([late.status, late.json.code]).toEqual([422, 'void-window-closed']);
    // The closing time in Helsinki time, as the other window reasons give it: the show's start.
    const closesAt = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', timeStyle: 'short' })
      .format(started)
      .replace(':', '.');
    expect(late.json.reasons).toEqual([
      { code: 'void-window-closed', params: { closesAt: expect.stringContaining(closesAt) } },
    ]);
  });

  it('refuses 15 minutes after the registration, by the server clock', async () => {
    const id = await register(open, 'any', usage('undo-5', 'A045198723'));
    await call(open, 'any', 'POST', '__sandbox/clock', { offsetMs: 14 * 60_000 });
    const early = await register(open, 'any', usage('undo-5', 'A999005458'));
    await call(open, 'any', 'POST', '__sandbox/clock', { offsetMs: 15 * 60_000 + 1_000 });
    const late = await voidIt(open, 'any', id);
    expect([late.status, late.json.code]).toEqual([422, 'void-window-closed']);
    expect((await voidIt(open, 'any', early)).status).toBe(200);
  });

  it('keeps voids across a restart (SQLite file)', async () => {
    const id = await register(bound, TOKENS.a, usage('undo-6', 'A045198723'));
    expect((await voidIt(bound, TOKENS.a, id)).status).toBe(200);
    await bound.close();
    bound = await startSandbox({ db: file, testing: true, venueTokens: { [TOKENS.a]: A, [TOKENS.b]: B } });
    expect(await given(bound, TOKENS.a, 'undo-6')).toBe(0);
    expect((await voidIt(bound, TOKENS.a, id)).json.state).toBe('voided');
  });
});
