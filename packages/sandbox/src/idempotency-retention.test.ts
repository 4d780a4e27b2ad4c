import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '@kaiku-scanner/core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { startSandbox } from './start-sandbox.js';
import { scopedKey } from './db/repository.js';

vi.mock('@kaiku-scanner/core', () => import('../../core/src/index.js'));

const DAY = 86_400_000;
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaiku-retention-'));
  file = join(dir, 'keys.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const usage: UsageRequest = {
  venueId: 'teatteri-hilla',
  show: { id: 'retention-show', name: 'Muisti', start: '2030-04-01T18:00:00+03:00', kind: 'exhibition' },
  cardId: 'A999005458',
  childTickets: 0,
  channel: 'reservation',
  mode: 'booking',
  clientTime: '2026-11-21T09:00:00Z',
};

function ageKey(key: string, days: number, column: 'created_at' | 'locked_at' = 'created_at'): void {
  const db = new Database(file);
  db.prepare(`UPDATE idempotency SET ${column} = ? WHERE key = ?`).run(
    Date.now() - days * DAY,
    scopedKey(key, usage.venueId),
  );
  db.close();
}

describe('idempotency keys over time', () => {
  it('are forgotten after the retention, which is never below 30 days', async () => {
    let sandbox = await startSandbox({ db: file, seed: true });
    let api = createApiClient({ baseUrl: sandbox.url, getToken: () => 't' });
    const first = await api.registerUsage(usage, { idempotencyKey: 'key-29-days-old' });
    const other = { ...usage, cardId: 'A999005461' };
    await api.registerUsage(other, { idempotencyKey: 'key-40-days-old' });
    await sandbox.close();
    ageKey('key-29-days-old', 29);
    ageKey('key-40-days-old', 40);

    sandbox = await startSandbox({ db: file, keyRetentionDays: 10 }); // raised to the 30-day floor
    api = createApiClient({ baseUrl: sandbox.url, getToken: () => 't' });
    try {
      const kept = await api.registerUsage(usage, { idempotencyKey: 'key-29-days-old' });
      expect(kept).toMatchObject({ replayed: true, usageId: first.usageId });
      // A forgotten key is a new request: not a replay, and the card's usage is there, so it is already used.
      const forgotten = api.registerUsage(other, { idempotencyKey: 'key-40-days-old' });
      await expect(forgotten).rejects.toMatchObject({ problemCode: 'already-used' });
    } finally {
      await sandbox.close();
    }
  });

  it('the default retention still replays a 34-day-old key', async () => {
    let sandbox = await startSandbox({ db: file, seed: true });
    const first = await createApiClient({ baseUrl: sandbox.url, getToken: () => 't' }).registerUsage(usage, {
      idempotencyKey: 'key-34-days-old',
    });
    await sandbox.close();
    ageKey('key-34-days-old', 34);
    sandbox = await startSandbox({ db: file });
    try {
      const again = await createApiClient({ baseUrl: sandbox.url, getToken: () => 't' }).registerUsage(
        usage,
        {
          idempotencyKey: 'key-34-days-old',
        },
      );
      expect(again).toMatchObject({ replayed: true, usageId: first.usageId });
    } finally {
      await sandbox.close();
    }
  });

  it('a key left pending by a crash is taken over after 30 s, not blocked forever', async () => {
    const sandbox = await startSandbox({ db: file, seed: true });
    try {
      const db = new Database(file);
      const now = Date.now();
      const insert = db.prepare(
        "INSERT INTO idempotency (key, body_hash, state, created_at, locked_at) VALUES (?, 'x', 'pending', ?, ?)",
      );
      insert.run(scopedKey('crashed-key-fresh', usage.venueId), now, now);
      insert.run(scopedKey('crashed-key-stale', usage.venueId), now - 60_000, now - 60_000);
      db.close();
      const api = createApiClient({ baseUrl: sandbox.url, getToken: () => 't', retry: 0 });
      await expect(api.registerUsage(usage, { idempotencyKey: 'crashed-key-fresh' })).rejects.toMatchObject({
        problemCode: 'idempotency-key-in-progress',
        status: 409,
      });
      await expect(api.registerUsage(usage, { idempotencyKey: 'crashed-key-stale' })).resolves.toMatchObject({
        replayed: false,
      });
    } finally {
      await sandbox.close();
    }
  });
});

describe('a database locked by another process', () => {
  it('answers 503 unavailable with Retry-After, leaves the key free, and the client gets through afterwards', async () => {
    const sandbox = await startSandbox({ db: file, seed: true, busyTimeoutMs: 50 });
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const body = JSON.stringify(usage);
      const headers = {
        authorization: 'Bearer t',
        'content-type': 'application/json',
        'idempotency-key': 'busy-key-1',
      };
      const locked = await fetch(`${sandbox.url}v1/usages`, { method: 'POST', headers, body });
      expect(locked.status).toBe(503);
      expect(locked.headers.get('retry-after')).toBe('1');
      expect((await locked.json()).code).toBe('unavailable');
      other.exec('ROLLBACK');
      const api = createApiClient({ baseUrl: sandbox.url, getToken: () => 't' });
      await expect(api.registerUsage(usage, { idempotencyKey: 'busy-key-1' })).resolves.toMatchObject({
        replayed: false,
      });
    } finally {
      other.close();
      await sandbox.close();
    }
  });
});
