// One suite of the store's behaviour, run against each adapter: SQLite (a temporary file) and PostgreSQL (a fresh
// database on the server at KAIKU_PG_URL, created for the run and dropped after it). `.ci/run` starts PostgreSQL
// and sets KAIKU_PG_URL; without it the PostgreSQL cases are skipped, and say so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { openStore } from './open-store.js';
import { redactUrl } from './postgres.js';
import type { NewUsage, Store } from './store.js';
import { startSandbox } from '../start-sandbox.js';

// See sandbox.test.ts: make the package name load core's sources under vitest.
vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

const PG_URL = process.env.KAIKU_PG_URL;
if (!PG_URL)
  console.warn(
    'KAIKU_PG_URL is not set: the PostgreSQL store tests are SKIPPED (set it, e.g. postgres://postgres:kaiku@127.0.0.1:5432/postgres; .ci/run does)',
  );

/** A database of its own for one run of the suite, and how to drop it. */
type Place = { location: string; drop: () => Promise<void> };

async function sqlitePlace(): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiku-store-'));
  return { location: join(dir, 'store.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresPlace(): Promise<Place> {
  const name = `kaiku_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: PG_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

const BACKENDS = [
  { name: 'SQLite', skip: false, place: sqlitePlace },
  { name: 'PostgreSQL', skip: !PG_URL, place: postgresPlace },
] as const;

const DAY = '2030-03-01';
const show = (id: string, cap?: number) => ({
  id,
  name: `Show ${id}`,
  start: `${DAY}T19:00:00+02:00`,
  kind: 'show' as const,
  ...(cap === undefined ? {} : { cap }),
});

let n = 0;
function newUsage(fields: {
  card: string;
  show: string;
  venue?: string;
  forVenue?: string;
  mode?: UsageRequest['mode'];
  day?: string;
  counted?: number;
  covered?: number;
  terminal?: string;
}): NewUsage {
  n++;
  const venueId = fields.venue ?? 'v1';
  const request = {
    venueId,
    ...(fields.forVenue ? { forVenueId: fields.forVenue } : {}),
    show: show(fields.show),
    cardId: fields.card,
    childTickets: 0,
    channel: 'box-office',
    mode: fields.mode ?? 'booking',
    clientTime: '2030-03-01T10:00:00Z',
    ...(fields.terminal ? { terminal: fields.terminal } : {}),
    idempotencyKey: `key-${n}`,
  } as NewUsage['request'];
  const counted = fields.counted ?? 1;
  return {
    id: `usage-${String(n).padStart(4, '0')}`,
    request,
    showDay: fields.day ?? DAY,
    counted,
    covered: fields.covered ?? 0,
    tickets: { adults: counted, children: 0, total: counted } as unknown as NewUsage['tickets'],
    registeredAt: `2030-03-01T10:00:${String(n % 60).padStart(2, '0')}.${String(n).padStart(3, '0')}Z`,
  };
}

describe.each(BACKENDS)('the store on $name', ({ name, skip, place }) => {
  let where: Place;
  let store: Store;
  beforeAll(async () => {
    if (skip) return;
    where = await place();
    store = await openStore(where.location);
  });
  afterAll(async () => {
    if (skip) return;
    await store.close();
    await where.drop();
  });

  it.skipIf(skip)(`opens as ${name}, answers health`, async () => {
    expect(store.kind).toBe(name === 'SQLite' ? 'sqlite' : 'postgres');
    expect(await store.healthy()).toBe(true);
  });

  it.skipIf(skip)('lists a venue’s usages by day, in pages, with void and tally', async () => {
    const inserted = [];
    for (let i = 0; i < 5; i++) {
      const u = newUsage({ card: `A99900000${i}`, show: 'list', counted: 2 });
      await store.insertUsage(u);
      inserted.push(u.id);
    }
    await store.insertUsage(newUsage({ card: 'A999000009', show: 'list', day: '2030-03-05' }));
    await store.insertUsage(newUsage({ card: 'A999000008', show: 'list', venue: 'v2' }));
    const first = await store.listUsages('v1', DAY, DAY, 0, 3);
    expect(first.map((r) => r.record.usageId)).toEqual(inserted.slice(0, 3));
    expect(typeof first[0]!.seq).toBe('number');
    const rest = await store.listUsages('v1', DAY, DAY, first[2]!.seq, 3);
    expect(rest.map((r) => r.record.usageId)).toEqual(inserted.slice(3));
    expect((await store.listUsages('v1', DAY, '2030-03-31', 0, 100)).length).toBe(6);
    expect(rest[0]!.record).toMatchObject({ state: 'registered', cardId: 'A999000003', venueId: 'v1' });
    expect(await store.tally('v1', 'list')).toEqual({ given: 11, usages: 6 });
    await store.voidUsage(inserted[0]!, '2030-03-01T11:00:00.000Z');
    await store.voidUsage(inserted[0]!, '2030-03-01T12:00:00.000Z');
    const voided = await store.getUsage(inserted[0]!);
    expect(voided).toMatchObject({ venueId: 'v1', ownerId: 'v1' });
    expect(voided!.record).toMatchObject({ state: 'voided', voidedAt: '2030-03-01T11:00:00.000Z' });
    expect(await store.tally('v1', 'list')).toEqual({ given: 9, usages: 5 });
    expect(await store.tally('v1', 'none')).toEqual({ given: 0, usages: 0 });
    expect(await store.getUsage('no-such')).toBeUndefined();
  });

  it.skipIf(skip)('reads a card’s usages for already used, bookings and counts', async () => {
    await store.insertUsage(newUsage({ card: 'A999000100', show: 'cu', mode: 'booking', counted: 3 }));
    const agent = newUsage({ card: 'A999000100', show: 'cu', venue: 'agent', forVenue: 'v1', counted: 1 });
    await store.insertUsage(agent);
    const collection = newUsage({
      card: 'A999000100',
      show: 'cu',
      mode: 'collection',
      counted: 0,
      covered: 2,
      terminal: 'Kassa 1',
    });
    await store.insertUsage(collection);
    const earlier = await store.cardUsages('A999000100', 'v1', 'cu', 'v1');
    expect(earlier.map((u) => u.mode)).toEqual(['booking', 'booking', 'collection']);
    expect(earlier[2]).toEqual({ mode: 'collection', at: collection.registeredAt, terminal: 'Kassa 1' });
    // Another venue (a ticket agent) does not see which counter took the card.
    expect((await store.cardUsages('A999000100', 'v1', 'cu', 'agent'))[2]).toEqual({
      mode: 'collection',
      at: collection.registeredAt,
    });
    expect(await store.bookedUncollected('A999000100', 'v1', 'cu')).toBe(2);
    const booking = await store.showBooking('A999000100', 'v1', 'cu');
    expect(booking).toMatchObject({ by: 'agent', channel: 'box-office', at: agent.registeredAt });
    expect(booking?.collected).toEqual({ at: collection.registeredAt, terminal: 'Kassa 1' });
    expect(await store.countUsages('A999000100', 'cu', undefined)).toBe(3);
    expect(await store.countUsages('A999000100', 'cu', 'agent')).toBe(1);
    expect(await store.countUsages('A999000100', 'cu', 'other')).toBe(0);
    await store.voidUsage(agent.id, '2030-03-01T12:00:00.000Z');
    expect(await store.countUsages('A999000100', 'cu', undefined)).toBe(2);
    expect(await store.cardUsages('A999000101', 'v1', 'cu', 'v1')).toEqual([]);
  });

  it.skipIf(skip)('records a conflict once, against the usage that stands, and lists it', async () => {
    const first = newUsage({ card: 'A999000200', show: 'cf', terminal: 'Kassa 2' });
    const later = newUsage({ card: 'A999000200', show: 'cf', mode: 'collection' });
    await store.insertUsage(first);
    await store.insertUsage(later);
    const refused = { ...first.request, terminal: 'Ovi', clientTime: '2030-03-01T09:59:00.000Z' };
    expect(await store.addConflict('door-1\nv1', refused, '2030-03-01T10:05:00.000Z')).toBe(true);
    expect(await store.addConflict('door-1\nv1', refused, '2030-03-01T10:06:00.000Z')).toBe(true);
    const { terminal: _, ...nameless } = refused;
    await store.addConflict('door-2\nv1', nameless, '2030-03-01T10:07:00.000Z');
    // The latest usage that stands holds it (a collection over its booking); the newest first; one per key.
    expect(await store.showConflicts('v1', 'cf', 10)).toEqual([
      {
        usageId: later.id,
        idempotencyKey: later.request.idempotencyKey,
        ...{ clientTime: refused.clientTime },
        recordedAt: '2030-03-01T10:07:00.000Z',
      },
      {
        usageId: later.id,
        idempotencyKey: later.request.idempotencyKey,
        terminal: 'Ovi',
        clientTime: refused.clientTime,
        recordedAt: '2030-03-01T10:05:00.000Z',
      },
    ]);
    expect(await store.showConflicts('v1', 'cf', 1)).toHaveLength(1);
    const listed = await store.listUsages('v1', DAY, DAY, 0, 1000);
    expect(listed.find((r) => r.record.usageId === later.id)?.record.conflicts).toHaveLength(2);
    expect(listed.find((r) => r.record.usageId === first.id)?.record.conflicts).toBeUndefined();
    expect(await store.showConflicts('v2', 'cf', 10)).toEqual([]);
    // Its usage undone: nothing stands to conflict with, and a new refusal has none to record against.
    await store.voidUsage(later.id, '2030-03-01T11:00:00.000Z');
    await store.voidUsage(first.id, '2030-03-01T11:00:00.000Z');
    expect(await store.showConflicts('v1', 'cf', 10)).toEqual([]);
    expect(await store.addConflict('door-3\nv1', refused, '2030-03-01T11:05:00.000Z')).toBe(false);
  });

  it.skipIf(skip)('stores cards, venues and shows per venue', async () => {
    const card = {
      id: 'A999005458',
      prefix: 'A',
      kind: 'client',
      status: 'active',
      validUntil: DAY,
      minors: 2,
    };
    await store.putCard(card as Parameters<Store['putCard']>[0], 'test');
    expect(await store.getCard('A999005458')).toEqual(card);
    await store.putCard({ ...card, renewedAt: '2029-01-01' } as Parameters<Store['putCard']>[0]);
    expect(await store.getCard('A999005458')).toEqual({ ...card, renewedAt: '2029-01-01' });
    expect(await store.getCard('A999000000')).toBeUndefined();
    await store.putVenue('v1', 'Venue one');
    await store.putVenue('v1', 'Venue one, renamed');
    await store.putShow('v1', show('s', 4), '2030-01-01T00:00:00.000Z');
    await store.putShow('v2', show('s'), '2030-01-02T00:00:00.000Z');
    await store.putShow('v1', { ...show('s', 6), name: 'Again' }, '2030-01-01T00:00:00.000Z');
    expect(await store.getShow('v1', 's')).toEqual({ ...show('s', 6), name: 'Again' });
    expect(await store.getShow('v2', 's')).toEqual(show('s'));
    expect(await store.getShow('v3', 's')).toBeUndefined();
    expect(await store.venueShows('v2')).toEqual([{ show: show('s'), cap: null }]);
    expect((await store.venueShows('v1')).map((s) => s.cap)).toEqual([6]);
    expect(await store.showOwner('s')).toBe('v1');
    expect(await store.showOwner('list')).toBe('v1');
    expect(await store.showOwner('nobody')).toBeUndefined();
  });

  it.skipIf(skip)('claims, finishes, replays, scopes and purges idempotency keys', async () => {
    const key = 'client-key\nv1';
    expect(await store.getKey(key)).toBeUndefined();
    await store.lockKey(key, 'hash-1', 1_900_000_000_000);
    expect(await store.getKey(key)).toMatchObject({ state: 'pending', body_hash: 'hash-1' });
    expect((await store.getKey(key))!.locked_at).toBe(1_900_000_000_000);
    await store.finishKey(key, 201, { usageId: 'u' });
    const done = await store.getKey(key);
    expect(done).toMatchObject({ state: 'done', status: 201, created_at: 1_900_000_000_000 });
    expect(JSON.parse(done!.response!)).toEqual({ usageId: 'u' });
    await store.dropPendingKey(key);
    expect((await store.getKey(key))?.state).toBe('done');
    expect((await store.keyInScope('client-key', 'v1'))?.key).toBe(key);
    expect(await store.keyInScope('client-key', 'v2')).toBeUndefined();
    expect((await store.keyInScope('client-key', undefined))?.key).toBe(key);
    expect(await store.keyInScope('client', undefined)).toBeUndefined();
    await store.lockKey('other\nv2', 'h', 1_000);
    await store.dropPendingKey('other\nv2');
    expect(await store.getKey('other\nv2')).toBeUndefined();
    await store.lockKey('old\nv2', 'h', 1_000);
    expect(await store.purgeKeysOlderThan(2_000)).toBe(1);
    expect(await store.getKey(key)).toBeDefined();
  });

  it.skipIf(skip)('keeps meta entries: added once, read by key and prefix', async () => {
    expect(await store.meta('schema')).toBe('4');
    expect(await store.addMeta('terminal-token ["v","b"]', 'tb')).toBe(true);
    expect(await store.addMeta('terminal-token ["v","a"]', 'ta')).toBe(true);
    expect(await store.addMeta('terminal-token ["v","a"]', 'other')).toBe(false);
    expect(await store.meta('terminal-token ["v","a"]')).toBe('ta');
    expect(await store.metaWithPrefix('terminal-token ')).toEqual([
      { key: 'terminal-token ["v","a"]', value: 'ta' },
      { key: 'terminal-token ["v","b"]', value: 'tb' },
    ]);
  });

  it.skipIf(skip)('rolls a failed transaction back, and serializes transactions of one lock', async () => {
    await expect(
      store.immediate(async (tx) => {
        await tx.putVenue('rolled-back', 'x');
        await tx.insertUsage(newUsage({ card: 'A999000200', show: 'rb' }));
        throw new Error('no');
      }, 'show rb'),
    ).rejects.toThrow('no');
    expect(await store.tally('v1', 'rb')).toEqual({ given: 0, usages: 0 });
    // 20 read-then-write transactions on one show with a cap of 5: exactly 5 get in.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.immediate(async (tx) => {
          const { given } = await tx.tally('v1', 'capped');
          if (given >= 5) return false;
          await new Promise((r) => setTimeout(r, 2));
          await tx.insertUsage(newUsage({ card: `A9990003${String(i).padStart(2, '0')}`, show: 'capped' }));
          return true;
        }, 'show capped'),
      ),
    );
    expect(results.filter(Boolean).length).toBe(5);
    expect(await store.tally('v1', 'capped')).toEqual({ given: 5, usages: 5 });
  });

  it.skipIf(skip)('clears one venue’s data, or all of it', async () => {
    await store.lockKey('k\nv2', 'h', Date.now());
    await store.clear('v2');
    expect(await store.getShow('v2', 's')).toBeUndefined();
    expect(await store.getKey('k\nv2')).toBeUndefined();
    expect(await store.getShow('v1', 's')).toBeDefined();
    await store.clear(undefined);
    expect(await store.listUsages('v1', DAY, DAY, 0, 10)).toEqual([]);
    expect(await store.getKey('client-key\nv1')).toBeUndefined();
    expect(await store.getCard('A999005458')).toBeDefined();
  });

  it.skipIf(skip)('refuses a database of another schema version by name, without its password', async () => {
    await store.immediate(async () => undefined);
    const other = await place();
    try {
      const first = await openStore(other.location);
      await first.close();
      // Another version written by hand: refused, never half-read.
      if (name === 'SQLite') {
        const { default: Database } = await import('better-sqlite3');
        const db = new Database(other.location);
        db.prepare("UPDATE meta SET value = '3' WHERE key = 'schema'").run();
        db.close();
      } else {
        const client = new pg.Client({ connectionString: other.location });
        await client.connect();
        await client.query("UPDATE meta SET value = '3' WHERE key = 'schema'");
        await client.end();
      }
      const error = await openStore(other.location).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/holds schema 3 data, not schema 4/);
      if (name === 'PostgreSQL') expect(error?.message).toContain(redactUrl(other.location));
    } finally {
      await other.drop();
    }
  });

  it.skipIf(skip)('20 terminals registering one card for one show at once: exactly one 201', async () => {
    const sandbox = await startSandbox({ db: where.location, testing: true });
    try {
      const auth = { authorization: 'Bearer t', 'content-type': 'application/json' };
      const card = {
        id: 'A999005461',
        prefix: 'A',
        kind: 'client',
        status: 'active',
        validUntil: '2031-01-01',
        minors: 3,
      };
      const put = await fetch(`${sandbox.url}__sandbox/cards`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(card),
      });
      expect(put.status).toBe(201);
      const body = (cap: number) =>
        JSON.stringify({
          venueId: 'teatteri-hilla',
          show: { ...show('race'), cap, start: '2030-03-01T19:00:00+02:00' },
          cardId: card.id,
          childTickets: 0,
          channel: 'box-office',
          mode: 'booking',
          clientTime: '2030-03-01T10:00:00Z',
        });
      const post = (key: string) =>
        fetch(`${sandbox.url}v1/usages`, {
          method: 'POST',
          headers: { ...auth, 'idempotency-key': key },
          body: body(50),
        }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code }));
      const distinct = await Promise.all(Array.from({ length: 20 }, (_, i) => post(`race-${name}-${i}`)));
      expect(distinct.filter((r) => r.status === 201).length).toBe(1);
      expect(new Set(distinct.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.code}`))).toEqual(
        new Set(['422 already-used']),
      );
      // One key sent by 20 at once: one registration; the others are told it is in progress, or replay it.
      await fetch(`${sandbox.url}__sandbox/reset`, { method: 'POST', headers: auth, body: '{}' });
      const same = await Promise.all(Array.from({ length: 20 }, () => post(`same-${name}`)));
      expect(same.filter((r) => r.status === 201).length).toBe(1);
      expect(same.every((r) => r.status === 201 || r.status === 200 || r.status === 409)).toBe(true);
      const count = await fetch(`${sandbox.url}__sandbox/usages/count?cardId=${card.id}&showId=race`, {
        headers: auth,
      });
      expect(await count.json()).toEqual({ count: 1 });
    } finally {
      await sandbox.close();
    }
  });
});

// CI (.ci/run) always sets KAIKU_PG_URL: there, a missing one is a failure, not a skip.
it.runIf(process.env.CI === 'true' && !PG_URL)('has KAIKU_PG_URL in CI', () => {
  throw new Error('CI=true but KAIKU_PG_URL is not set: .ci/run starts PostgreSQL and sets it');
});

describe('a PostgreSQL that cannot be reached', () => {
  it('is an error naming the URL without its password', async () => {
    const error = await openStore('postgres://kaiku:secret-pw@127.0.0.1:9/nowhere').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /^could not reach PostgreSQL at postgres:\/\/kaiku@127\.0\.0\.1:9\/nowhere: /,
    );
    expect(error?.message).not.toContain('secret-pw');
  });
});
