import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiProblemError, createApiClient } from '@kaiku-scanner/core';
import type { ApiClient } from '@kaiku-scanner/core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { startSandbox } from './start-sandbox.js';
import type { Sandbox } from './start-sandbox.js';

// See sandbox.test.ts: make the package name load core's sources under vitest.
vi.mock('@kaiku-scanner/core', () => import('../../core/src/index.js'));

const CARDS = Array.from({ length: 50 }, (_, i) => `A9990${String(70000 + i)}`);
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaiku-concurrency-'));
  file = join(dir, 'shared.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function usage(cardId: string, showId: string): UsageRequest {
  return {
    venueId: 'teatteri-hilla',
    show: { id: showId, name: 'Loppuunmyyty', start: '2030-03-01T19:00:00+02:00', kind: 'show', cap: 5 },
    cardId,
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2026-11-21T09:00:00Z',
  };
}

async function addCards(sandbox: Sandbox): Promise<void> {
  for (const id of CARDS) {
    const card = { id, prefix: 'A', kind: 'client', status: 'active', validUntil: '2031-01-01', minors: 0 };
    const response = await fetch(`${sandbox.url}__sandbox/cards`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
      body: JSON.stringify(card),
    });
    expect(response.status).toBe(201);
  }
}

/** One client per terminal: its own token and its own connection pool. */
const terminal = (url: string, i: number): ApiClient =>
  createApiClient({ baseUrl: url, getToken: () => `terminal-${i}`, retry: { baseDelayMs: 5 } });

type Outcome = { ok: true; usageId: string } | { ok: false; code: string };

async function registerAll(urls: readonly string[], showId: string, keyPrefix: string): Promise<Outcome[]> {
  return Promise.all(
    CARDS.map(async (cardId, i): Promise<Outcome> => {
      const api = terminal(urls[i % urls.length]!, i);
      try {
        const result = await api.registerUsage(usage(cardId, showId), {
          idempotencyKey: `${keyPrefix}-terminal-${i}`,
        });
        return { ok: true, usageId: result.usageId };
      } catch (error) {
        return { ok: false, code: error instanceof ApiProblemError ? error.problemCode : String(error) };
      }
    }),
  );
}

const summary = (outcomes: Outcome[]) => ({
  accepted: outcomes.filter((o) => o.ok).length,
  codes: [...new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.code])))],
});

async function countFor(url: string, cardId: string, showId: string): Promise<number> {
  const r = await fetch(`${url}__sandbox/usages/count?cardId=${cardId}&showId=${showId}`, {
    headers: { authorization: 'Bearer test-support' },
  });
  return ((await r.json()) as { count: number }).count;
}

describe('cap enforcement across concurrent terminals', () => {
  it('50 parallel registrations for a show with cap 5: exactly 5 accepted, 45 cap-reached; repeats never double-count; data survives a restart', async () => {
    let sandbox = await startSandbox({ db: file, testing: true });
    await addCards(sandbox);
    const first = await registerAll([sandbox.url], 'cap-five', 'k');
    expect(summary(first)).toEqual({ accepted: 5, codes: ['cap-reached'] });

    // The same 50 requests again (a terminal that lost the answers): the first results come back.
    const repeat = await registerAll([sandbox.url], 'cap-five', 'k');
    expect(repeat).toEqual(first);
    const api = terminal(sandbox.url, 0);
    expect(await api.getShowTally('cap-five')).toMatchObject({
      cap: 5,
      ticketsGiven: 5,
      remaining: 0,
      usages: 5,
    });
    const counts = await Promise.all(CARDS.map((id) => countFor(sandbox.url, id, 'cap-five')));
    expect(counts.filter((n) => n === 1)).toHaveLength(5);
    expect(counts.every((n) => n <= 1)).toBe(true);

    // Restart on the same file: usages, tallies and idempotency keys persist.
    await sandbox.close();
    sandbox = await startSandbox({ db: file, testing: true });
    try {
      const after = terminal(sandbox.url, 1);
      expect(await after.getShowTally('cap-five')).toMatchObject({ ticketsGiven: 5, usages: 5 });
      const acceptedIndex = first.findIndex((o) => o.ok);
      const replay = await after.registerUsage(usage(CARDS[acceptedIndex]!, 'cap-five'), {
        idempotencyKey: `k-terminal-${acceptedIndex}`,
      });
      expect(replay).toMatchObject({
        replayed: true,
        usageId: (first[acceptedIndex] as { usageId: string }).usageId,
      });
      const listed = await after.listUsages({
        venueId: 'teatteri-hilla',
        from: '2030-03-01',
        to: '2030-03-01',
      });
      expect(listed.items).toHaveLength(5);
    } finally {
      await sandbox.close();
    }
  });

  it('holds across two processes sharing one database file (BEGIN IMMEDIATE)', async () => {
    const local = await startSandbox({ db: file, testing: true });
    const child = await spawnSandbox(file);
    try {
      const outcomes = await registerAll([local.url, child.url], 'cap-five-two-processes', 'p');
      expect(summary(outcomes)).toEqual({ accepted: 5, codes: ['cap-reached'] });
      const again = await registerAll([child.url, local.url], 'cap-five-two-processes', 'p');
      expect(again).toEqual(outcomes);
      const tally = await terminal(child.url, 3).getShowTally('cap-five-two-processes');
      expect(tally).toMatchObject({ ticketsGiven: 5, usages: 5 });
    } finally {
      child.process.kill('SIGTERM');
      await local.close();
    }
  });
});

describe('bookings and collections racing on a small cap', () => {
  const FAMILY = Array.from({ length: 24 }, (_, i) => `A9991${String(80000 + i)}`);
  const show = (id: string, cap: number) => ({
    id,
    name: 'Perhepäivä',
    start: '2030-03-02T13:00:00+02:00',
    kind: 'show' as const,
    cap,
  });
  type Op = { cardId: string; mode: 'booking' | 'collection'; childTickets: number };

  async function addFamilies(url: string): Promise<void> {
    for (const id of FAMILY) {
      const card = { id, prefix: 'A', kind: 'client', status: 'active', validUntil: '2031-01-01', minors: 3 };
      const response = await fetch(`${url}__sandbox/cards`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
        body: JSON.stringify(card),
      });
      expect(response.status).toBe(201);
    }
  }

  /** A small deterministic generator, so a failing round can be replayed. */
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  it('never hands out more than the cap: over-collections only get what fits beyond their bookings', async () => {
    const sandbox = await startSandbox({ db: file, testing: true });
    const child = await spawnSandbox(file);
    try {
      await addFamilies(sandbox.url);
      for (const [round, cap] of [5, 3, 8, 4].entries()) {
        const next = random(round + 1);
        const showId = `race-${round}`;
        const request = (op: Op): UsageRequest => ({
          ...usage(op.cardId, showId),
          show: show(showId, cap),
          mode: op.mode,
          childTickets: op.childTickets,
        });
        // Before the race: a few cards hold bookings (some with children).
        const booked = new Map<string, number>();
        for (const cardId of FAMILY.slice(0, 3)) {
          const tickets = 1 + Math.floor(next() * 2);
          if (booked.size > 0 && [...booked.values()].reduce((a, b) => a + b, 0) + tickets > cap) break;
          await terminal(sandbox.url, 0).registerUsage(
            request({ cardId, mode: 'booking', childTickets: tickets - 1 }),
            {
              idempotencyKey: `race-${round}-pre-${cardId}`,
            },
          );
          booked.set(cardId, tickets);
        }
        // The race: the booked cards collect with more children than booked, other cards book or walk in.
        const ops: Op[] = FAMILY.map((cardId) => ({
          cardId,
          mode: booked.has(cardId) || next() < 0.3 ? 'collection' : 'booking',
          childTickets: Math.floor(next() * 4),
        }));
        const outcomes = await Promise.all(
          ops.map(async (op, i) => {
            const api = terminal(i % 2 === 0 ? sandbox.url : child.url, i);
            try {
              const result = await api.registerUsage(request(op), { idempotencyKey: `race-${round}-${i}` });
              return { op, ok: true as const, result };
            } catch (error) {
              const code = error instanceof ApiProblemError ? error.problemCode : String(error);
              return { op, ok: false as const, code };
            }
          }),
        );
        expect(
          outcomes.filter((o) => !o.ok).every((o) => !o.ok && /^cap-(reached|exceeded)$/.test(o.code)),
        ).toBe(true);
        // Tickets out, counted from the outcomes alone: a card's booking, or what its collection handed out
        // when that is more.
        let out = 0;
        for (const cardId of FAMILY) {
          const held = booked.get(cardId) ?? 0;
          const done = outcomes.find((o) => o.op.cardId === cardId);
          const got = done?.ok ? done.result.tickets.total : 0;
          out += Math.max(held, got);
          if (done?.ok && done.op.mode === 'collection') {
            expect(done.result).toMatchObject({
              coveredByBooking: Math.min(held, got),
              countedAgainstCap: got - Math.min(held, got),
            });
          }
        }
        expect(out).toBeLessThanOrEqual(cap);
        const tally = await terminal(child.url, 1).getShowTally(showId);
        expect(tally.ticketsGiven).toBe(out);
        // Someone was refused for every ticket that would not fit (the race is a real contest).
        expect(outcomes.some((o) => !o.ok)).toBe(true);
      }
    } finally {
      child.process.kill('SIGTERM');
      await sandbox.close();
    }
  });
});

/** Starts the CLI in another Node process on the same DB file; resolves with its URL. */
function spawnSandbox(db: string): Promise<{ url: string; process: ChildProcess }> {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', cli, '--db', db, '--port', '0', '--testing', '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: child });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
  });
}
