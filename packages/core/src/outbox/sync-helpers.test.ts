import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextDelay } from './backoff.js';
import { classifyFailure, isTransientStatus, outboxTransport } from './api-transport.js';
import { newIdempotencyKey, detectKeySource } from './idempotency-key.js';
import { combineTally, ticketsOf } from './show-tally.js';
import { LIVE_SEND_MS, applyOutcome, wasAdmitted } from './sync-run.js';
import type { BatchEntry, OutboxRecord } from './types.js';

describe('nextDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };
  it('grows exponentially with jitter in [exp/2, exp], capped, with Retry-After as a floor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (failures, r) => {
          const exp = Math.min(60_000, 1_000 * 2 ** (failures - 1));
          const d = nextDelay(failures, policy, r);
          return d >= Math.floor(exp / 2) && d <= exp;
        },
      ),
    );
    expect(nextDelay(1, policy, 0, 30_000)).toBe(30_000);
    expect(nextDelay(3, policy, 1)).toBe(4_000);
  });
});

describe('classifyFailure', () => {
  it('keeps the usage for anything retryable, unknown, or an auth failure', () => {
    expect(classifyFailure(new Error('boom')).kind).toBe('transient');
    expect(classifyFailure({ code: 'network', retryable: true })).toEqual({
      kind: 'transient',
      code: 'network',
    });
    expect(classifyFailure({ code: 'http-429', retryable: true, status: 429, retryAfterMs: 5_000 })).toEqual({
      kind: 'transient',
      code: 'http-429',
      retryAfterMs: 5_000,
    });
    expect(classifyFailure({ code: 'http-401', retryable: false, status: 401 }).kind).toBe('transient');
  });
  it('is a refusal only when the error says it is not retryable', () => {
    expect(
      classifyFailure({ code: 'problem', problemCode: 'card-not-registered', retryable: false, status: 404 }),
    ).toEqual({
      kind: 'refused',
      code: 'card-not-registered',
      status: 404,
    });
    expect(classifyFailure({ code: 'invalid-request', retryable: false })).toEqual({
      kind: 'refused',
      code: 'invalid-request',
    });
  });
  it('treats 409 in progress, 408, 425, 429 and 5xx items as transient', () => {
    for (const s of [408, 409, 425, 429, 500, 503]) expect(isTransientStatus(s, 'x')).toBe(true);
    for (const s of [400, 404, 422, 501]) expect(isTransientStatus(s, 'x')).toBe(false);
    expect(isTransientStatus(422, 'idempotency-key-in-progress')).toBe(true);
  });
});

describe('newIdempotencyKey', () => {
  it('makes v4 UUIDs with randomUUID and with the getRandomValues fallback', () => {
    const fallback = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as Crypto;
    expect(detectKeySource(fallback)).toBe('get-random-values');
    expect(detectKeySource(globalThis.crypto)).toBe('random-uuid');
    const keys = new Set(Array.from({ length: 2_000 }, () => newIdempotencyKey(fallback)));
    expect(keys.size).toBe(2_000);
    for (const k of [...keys].slice(0, 50).concat(newIdempotencyKey())) {
      expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(() => newIdempotencyKey({} as Crypto)).toThrow(TypeError);
  });
});

describe('outboxTransport', () => {
  const entry = (key: string): BatchEntry => ({ idempotencyKey: key, usage: {} as BatchEntry['usage'] });
  const signal = new AbortController().signal;

  it('maps per-item results: ok, refusal, in-progress', async () => {
    const t = outboxTransport({
      registerBatch: async () => ({
        results: [
          { ok: true },
          { ok: false, problem: { code: 'card-inactive', status: 422 } },
          { ok: false, problem: { code: 'idempotency-key-in-progress', status: 409 } },
        ],
      }),
    });
    expect(await t.sendBatch([entry('a'), entry('b'), entry('c'), entry('d')], signal)).toEqual([
      { kind: 'accepted' },
      { kind: 'refused', code: 'card-inactive', status: 422 },
      { kind: 'transient', code: 'idempotency-key-in-progress' },
      { kind: 'transient', code: 'missing-result' },
    ]);
  });

  it('rethrows a transient whole-batch failure (the records stay)', async () => {
    const t = outboxTransport({
      registerBatch: async () =>
        Promise.reject(Object.assign(new Error('x'), { code: 'network', retryable: true })),
    });
    await expect(t.sendBatch([entry('a')], signal)).rejects.toThrow('x');
  });

  it('splits a batch the server rejects as invalid, so one bad record does not block the rest', async () => {
    const calls: string[][] = [];
    const t = outboxTransport({
      registerBatch: async (items) => {
        calls.push(items.map((i) => i.idempotencyKey));
        if (items.some((i) => i.idempotencyKey === 'bad')) {
          throw Object.assign(new Error('invalid'), { code: 'invalid-request', retryable: false });
        }
        return items.map(() => ({ ok: true as const }));
      },
    });
    expect(await t.sendBatch([entry('a'), entry('bad'), entry('c')], signal)).toEqual([
      { kind: 'accepted' },
      { kind: 'refused', code: 'invalid-request' },
      { kind: 'accepted' },
    ]);
    expect(calls).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });
});

describe('combineTally', () => {
  const rec = (state: OutboxRecord['state'], childTickets: number, settledAt?: number): OutboxRecord => ({
    id: Math.random().toString(36),
    target: { api: 'https://kaikukanta.test/api/', venueId: 'v' },
    usage: {
      venueId: 'v',
      show: { id: 's1', name: 'S', start: '2020-02-03T18:00:00+02:00', kind: 'show' },
      cardId: 'A1',
      childTickets,
      channel: 'box-office',
      mode: 'booking',
      clientTime: '2020-02-01T10:00:00+02:00',
    },
    state,
    acceptance: 'online',
    createdAt: 0,
    attempts: 0,
    ...(settledAt === undefined ? {} : { settledAt }),
  });

  it('adds local records the server count lacks and flags a cap overrun', () => {
    const server = { showId: 's1', cap: 10, ticketsGiven: 7, usages: 4, fetchedAt: 1_000 };
    const t = combineTally('s1', server, [
      rec('pending', 2),
      rec('synced', 0, 500),
      rec('synced', 1, 2_000),
      rec('needs-attention', 0),
    ]);
    expect(t).toMatchObject({
      localTickets: 3 + 2,
      localUsages: 2,
      ticketsGiven: 12,
      cap: 10,
      overCap: true,
      provisional: true,
    });
    // A usage the server refused (needs attention) holds no ticket there: it never counts, online or offline.
    const refused = combineTally('s1', { ...server, ticketsGiven: 0, cap: 2 }, [rec('needs-attention', 1)]);
    expect(refused).toMatchObject({ ticketsGiven: 0, localTickets: 0, overCap: false, provisional: false });
    const offline = combineTally('s1', undefined, [rec('pending', 0)]);
    expect(offline).toMatchObject({ ticketsGiven: 1, cap: null, overCap: false, server: undefined });
    expect(
      ticketsOf({ ...rec('pending', 1).usage, group: { memberCardIds: ['A2', 'A3'], under16Clients: 2 } }),
    ).toBe(6);
  });

  // Issue 61.9: Kaikukanta down, a cap-2 show, two usages queued (a send tried), the second undone: one ticket given.
  it('counts no undone usage: a void queued or made takes its tickets off, a refused void puts them back', () => {
    const undo = (r: OutboxRecord, at: number, more: Partial<OutboxRecord> = {}): OutboxRecord => ({
      ...r,
      voidRequestedAt: at,
      ...more,
    });
    const tried = { ...rec('pending', 0), attempts: 1 };
    const down = combineTally('s1', undefined, [tried, undo({ ...tried, id: 'b' }, 5)]);
    expect(down).toMatchObject({ ticketsGiven: 1, localUsages: 1, provisional: true });
    const server = { showId: 's1', cap: 2, ticketsGiven: 2, usages: 2, fetchedAt: 1_000 };
    // In the server's count: undone since (queued or made) it is taken off; voided before the count, it is not.
    expect(combineTally('s1', server, [undo(rec('synced', 0, 500), 2_000)])).toMatchObject({
      ticketsGiven: 1,
      provisional: true,
    });
    expect(
      combineTally('s1', server, [undo(rec('synced', 0, 500), 600, { voidedAt: 700 })]).ticketsGiven,
    ).toBe(2);
    expect(
      combineTally('s1', server, [undo(rec('synced', 1, 2_000), 3_000, { voidedAt: 3_000 })]),
    ).toMatchObject({
      ticketsGiven: 2,
      provisional: false,
    });
    // Its void refused (needs attention): the usage stands and counts.
    const refused = undo(rec('needs-attention', 0, 2_000), 3_000);
    expect(combineTally('s1', server, [refused]).ticketsGiven).toBe(3);
    // A count asked for at 1 000, answered after the usage settled (1 500) and was undone (1 900): the count lacks it,
    // so its undo takes nothing off (a count answered at 1 800 would have read as holding it: −1 tickets, a meter
    // drawn with a negative width).
    const lacking = { showId: 's1', cap: 6, ticketsGiven: 0, usages: 0, fetchedAt: 1_000 };
    const raced = undo(rec('synced', 0, 1_500), 1_900, { voidedAt: 2_000 });
    expect(combineTally('s1', lacking, [raced]).ticketsGiven).toBe(0);
  });
});

describe('conflicts: cards admitted twice', () => {
  const rec = (id: string, state: OutboxRecord['state'], more: Partial<OutboxRecord> = {}) =>
    ({
      id,
      state,
      usage: { cardId: `A${id}`, show: { id: 's1', name: 'Show 1' } },
      createdAt: 1_000,
      attempts: 1,
      ...more,
    }) as unknown as OutboxRecord;

  it("names this terminal's standing usages the server's tally lists, with where and when; no other's", () => {
    const conflicts = [
      { idempotencyKey: 'mine', terminal: 'Ovi', clientTime: '2030-03-01T17:02:00.000Z' },
      { idempotencyKey: 'mine-too', clientTime: '2030-03-01T17:03:00.000Z' },
      { idempotencyKey: 'another-terminals', terminal: 'Ovi', clientTime: '2030-03-01T17:04:00.000Z' },
      { idempotencyKey: 'undone', clientTime: '2030-03-01T17:05:00.000Z' },
      { idempotencyKey: 'waiting', clientTime: '2030-03-01T17:05:00.000Z' },
    ];
    const server = { showId: 's1', cap: null, ticketsGiven: 3, usages: 3, conflicts, fetchedAt: 2_000 };
    const t = combineTally('s1', server, [
      rec('mine', 'synced'),
      rec('mine-too', 'synced'),
      rec('undone', 'synced', { voidRequestedAt: 3_000 }),
      rec('waiting', 'pending'),
    ]);
    expect(t.conflicts).toEqual([
      {
        recordId: 'mine',
        cardId: 'Amine',
        showName: 'Show 1',
        terminal: 'Ovi',
        clientTime: conflicts[0]!.clientTime,
      },
      { recordId: 'mine-too', cardId: 'Amine-too', showName: 'Show 1', clientTime: conflicts[1]!.clientTime },
    ]);
    expect(combineTally('s1', undefined, [rec('mine', 'synced')]).conflicts).toEqual([]);
  });

  it('sends a usage as admitted when its clerk was told it waits: sent before, or queued past the live send', () => {
    const at = (attempts: number, createdAt: number) => ({ attempts, createdAt });
    // `attempts` already counts the send being made.
    expect(wasAdmitted(at(1, 10_000), 10_050)).toBe(false);
    expect(wasAdmitted(at(1, 10_000), 10_000 + LIVE_SEND_MS)).toBe(false);
    expect(wasAdmitted(at(1, 10_000), 10_001 + LIVE_SEND_MS)).toBe(true);
    expect(wasAdmitted(at(2, 10_000), 10_050)).toBe(true);
    // Undone while it waited: the ticket was taken back.
    expect(wasAdmitted({ ...at(2, 10_000), voidRequestedAt: 10_020 }, 10_050)).toBe(false);
  });
});

describe('applyOutcome', () => {
  it("keeps only a refusal's code, status and reasons, never a host transport's extra fields", () => {
    const record = { id: 'r1', state: 'pending', attempts: 0 } as unknown as OutboxRecord;
    const outcome = {
      kind: 'refused',
      code: 'card-expired',
      status: undefined,
      reasons: undefined,
      detail: 'Card A045198723 expired',
    } as const;
    const next = applyOutcome(record, outcome as Parameters<typeof applyOutcome>[1], 1);
    expect(next.state).toBe('needs-attention');
    expect(next.problem).toStrictEqual({ code: 'card-expired' });
  });
});
