import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiProblemError, createApiClient } from '@kaiku-scanner/core';
import type { ApiClient, UsageRequest } from '@kaiku-scanner/core';
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
      headers: { 'content-type': 'application/json' },
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
  const r = await fetch(`${url}__sandbox/usages/count?cardId=${cardId}&showId=${showId}`);
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
