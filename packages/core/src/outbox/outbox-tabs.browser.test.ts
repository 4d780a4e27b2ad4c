import { expect } from '@esm-bundle/chai';
import { createOutbox } from './create-outbox.js';
import type { OutboxEvent } from './outbox-events.js';
import { promisifyRequest } from 'idb-keyval';
import { createStrictStore } from './strict-store.js';
import { createSyncLock } from './sync-lock.js';
import { recordStore } from './record-store.js';
import {
  apiError,
  fakeServer,
  freshDbName,
  nextEvent,
  refusingInactive,
  usage,
  TARGET,
} from './outbox-test-helpers.js';
import type { BatchEntry, ItemOutcome, OutboxTransport } from './types.js';
import { requireCapability } from '../../../../test/support/engine-skip.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server that takes `ms` per batch and counts registrations per key (like the sandbox's idempotency). */
function slowServer(ms: number) {
  const registered = new Map<string, number>();
  const batches: BatchEntry[][] = [];
  const transport: OutboxTransport = {
    async sendBatch(entries) {
      batches.push([...entries]);
      await sleep(ms);
      for (const e of entries) registered.set(e.idempotencyKey, (registered.get(e.idempotencyKey) ?? 0) + 1);
      return entries.map((): ItemOutcome => ({ kind: 'accepted' }));
    },
  };
  return { transport, registered, batches };
}

describe('outbox across instances (tabs) of one origin', () => {
  for (const lock of ['auto', 'indexeddb-lease'] as const) {
    it(`lets exactly one instance sync at a time (${lock}) and tells the other of progress`, async () => {
      const databaseName = freshDbName(`tabs-${lock}`);
      const server = slowServer(30);
      const a = createOutbox({
        target: TARGET,
        transport: server.transport,
        databaseName,
        autoSync: false,
        batchSize: 5,
        lock,
      });
      const b = createOutbox({
        target: TARGET,
        transport: server.transport,
        databaseName,
        autoSync: false,
        batchSize: 5,
        lock,
      });
      expect(a.capabilities.lock).to.equal(lock === 'auto' ? 'web-locks' : 'indexeddb-lease');
      for (let i = 0; i < 20; i++) await (i % 2 ? a : b).enqueue(usage(`A10000000${i % 10}`));
      const remote: string[] = [];
      b.addEventListener('outbox-sync', (e) => e.detail.remote && remote.push(e.detail.phase));
      const [ra, rb] = await Promise.all([a.syncNow(), b.syncNow()]);
      expect([ra.outcome, rb.outcome].sort()).to.deep.equal(['busy', 'done']);
      const winner = ra.outcome === 'done' ? a : b;
      await winner.syncNow();
      expect(server.registered.size).to.equal(20);
      expect([...server.registered.values()].every((n) => n === 1)).to.equal(true);
      await sleep(50);
      if (ra.outcome === 'done') expect(remote).to.include.members(['started', 'progress', 'finished']);
      expect(b.counts.pending).to.equal(0);
      a.stop();
      b.stop();
    });
  }

  it('announces a needs-attention record in the other tab too', async () => {
    const databaseName = freshDbName('attention-tabs');
    const server = fakeServer((entries) =>
      entries.map(() => ({ kind: 'refused', code: 'use-ban', status: 422 })),
    );
    const a = createOutbox({ target: TARGET, transport: server.transport, databaseName, autoSync: false });
    const b = createOutbox({ target: TARGET, transport: server.transport, databaseName, autoSync: false });
    const record = await a.enqueue(usage('A999991234'));
    const heard = nextEvent<OutboxEvent<'outbox-needs-attention'>>(b, 'outbox-needs-attention');
    await a.syncNow();
    expect((await heard).detail).to.include({ id: record.id, code: 'use-ban' });
    a.stop();
    b.stop();
  });
});

describe('IndexedDB lease lock (no Web Locks on plain http:// pages)', () => {
  it('is exclusive while held, renewed by a heartbeat, and taken over after it expires', async () => {
    const store = createStrictStore(freshDbName('lease'), 'outbox');
    let now = 1_000_000;
    const clock = () => now;
    const a = createSyncLock('x', store, { owner: 'a', forceLease: true, leaseMs: 300, now: clock });
    const b = createSyncLock('x', store, { owner: 'b', forceLease: true, leaseMs: 300, now: clock });
    let release!: () => void;
    const holding = a.run(() => new Promise<string>((r) => (release = () => r('a-done'))));
    await sleep(20);
    expect(await b.run(async () => 'b')).to.deep.equal({ busy: true });
    release();
    expect(await holding).to.deep.equal({ busy: false, value: 'a-done' });
    expect(await b.run(async () => 'b')).to.deep.equal({ busy: false, value: 'b' });

    // A holder frozen past its expiry loses the lease: the other takes over, and the frozen one is told (signal).
    let lostSignal: AbortSignal | undefined;
    let freeze!: () => void;
    const frozen = a.run((signal) => {
      lostSignal = signal;
      return new Promise<void>((r) => (freeze = r));
    });
    await sleep(20);
    now += 10_000; // the heartbeat could not run: the lease expired
    expect(await b.run(async () => 'took over')).to.deep.equal({ busy: false, value: 'took over' });
    const stolen = b.run(() => sleep(250));
    await sleep(150); // a's heartbeat (every 100 ms) finds b's lease
    expect(lostSignal?.aborted).to.equal(true);
    freeze();
    await frozen;
    await stolen;
  });
});

describe('automatic sync', () => {
  it('syncs on its own after an enqueue, and again when the browser comes online', async () => {
    let offline = true;
    const server = fakeServer(() => (offline ? apiError('network', true) : undefined));
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('auto'),
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    await outbox.ready;
    const deferred = nextEvent<OutboxEvent<'outbox-sync'>>(outbox, 'outbox-sync');
    await outbox.enqueue(usage());
    await deferred;
    for (let i = 0; i < 50 && server.requests.length === 0; i++) await sleep(10);
    const tried = server.requests.length;
    expect(tried).to.be.at.least(1);
    await sleep(300);
    expect(server.requests.length).to.equal(tried); // backing off (60 s), not hammering
    offline = false;
    const synced = nextEvent<OutboxEvent<'outbox-usage-synced'>>(outbox, 'outbox-usage-synced');
    dispatchEvent(new Event('online')); // long before the 60 s backoff
    expect((await synced).detail.ids.length).to.equal(1);
    expect(outbox.counts.pending).to.equal(0);
    outbox.stop();
  });

  it('sends what an earlier session left behind on start-up (a reload mid-sync)', async () => {
    const databaseName = freshDbName('startup');
    const first = createOutbox({
      target: TARGET,
      transport: fakeServer(() => apiError('timeout', true)).transport,
      databaseName,
      autoSync: false,
    });
    const record = await first.enqueue(usage());
    first.stop(); // the tab is gone; the record stays on disk
    const server = fakeServer();
    const second = createOutbox({ target: TARGET, transport: server.transport, databaseName });
    const synced = nextEvent<OutboxEvent<'outbox-usage-synced'>>(second, 'outbox-usage-synced');
    expect((await synced).detail.ids).to.deep.equal([record.id]);
    second.stop();
  });
});

describe('start-up never waits for a permission prompt', () => {
  // Firefox answers navigator.storage.persist() only after the user answers its permission prompt: a
  // start-up that awaited it never synced what an earlier session left behind and never purged.
  it('is ready, sends left-over usages and purges while persist() stays pending', async () => {
    // WebKitGTK has no StorageManager at all: there is no persist() to stay pending (the outbox reports
    // 'unsupported', tested in "reports its capabilities").
    await requireCapability(
      typeof navigator.storage?.persist === 'function',
      'no navigator.storage (StorageManager) in this engine, so no persist() prompt',
    );
    const databaseName = freshDbName('persist-prompt');
    let now = Date.parse('2026-03-01T10:00:00Z');
    const first = createOutbox({
      target: TARGET,
      transport: fakeServer().transport,
      databaseName,
      autoSync: false,
      persist: false,
      retentionMs: 60_000,
      now: () => now,
    });
    const old = await first.enqueue(usage('A999005380'));
    await first.syncNow(); // synced: kept for the retention, then purged
    const left = await first.enqueue(usage('A045198723'));
    first.stop();
    now += 120_000;
    const storage = navigator.storage;
    const original = storage.persist;
    let asked = 0;
    storage.persist = () => {
      asked++;
      return new Promise<boolean>(() => undefined); // the prompt is never answered
    };
    try {
      const server = fakeServer();
      const second = createOutbox({
        target: TARGET,
        transport: server.transport,
        databaseName,
        retentionMs: 60_000,
        now: () => now,
      });
      const synced = nextEvent<OutboxEvent<'outbox-usage-synced'>>(second, 'outbox-usage-synced');
      const ready = await Promise.race([second.ready.then(() => 'ready'), sleep(3_000).then(() => 'stuck')]);
      expect(ready).to.equal('ready');
      expect(asked).to.equal(1);
      expect(second.capabilities.persistence).to.equal('requested');
      expect((await synced).detail.ids).to.deep.equal([left.id]);
      const store = createStrictStore(databaseName, 'outbox');
      const ids = (await recordStore(store).list()).map((r) => r.id);
      expect(ids).to.not.include(old.id);
      second.stop();
    } finally {
      storage.persist = original;
    }
  });
});

describe('offline decisions, tallies, retention, export', () => {
  const card = {
    id: 'A045198723',
    status: 'active',
    validUntil: '2099-01-01',
    minors: 2,
    prefix: 'A',
    kind: 'client',
  };

  it('decides from the cached card record, else by policy, and rethrows a definitive answer', async () => {
    let online = true;
    const client = {
      registerBatch: async () => ({ results: [] }),
      lookupCard: async (id: string) => {
        if (!online) throw apiError('network', true);
        if (id === 'A999000001')
          throw Object.assign(apiError('problem', false, { status: 404 }), {
            problemCode: 'card-not-registered',
          });
        return card;
      },
    };
    let now = 0;
    const accept = createOutbox({
      target: TARGET,
      client,
      databaseName: freshDbName('check'),
      autoSync: false,
      cardCacheTtlMs: 1_000,
      now: () => now,
    });
    expect(await accept.checkCard('A045198723')).to.deep.include({
      ok: true,
      source: 'server',
      provisional: false,
    });
    online = false;
    const cached = await accept.checkCard('A045198723');
    expect(cached).to.deep.include({ ok: true, source: 'cache', provisional: true, failure: 'network' });
    // Only the four fields are kept.
    expect(Object.keys((cached as { card: object }).card).sort()).to.deep.equal([
      'id',
      'minors',
      'seenAt',
      'status',
      'validUntil',
    ]);
    now = 5_000; // past the TTL
    expect(await accept.checkCard('A045198723')).to.deep.include({
      ok: true,
      source: 'format',
      provisional: true,
    });
    const refuse = createOutbox({
      target: TARGET,
      client,
      databaseName: freshDbName('refuse'),
      autoSync: false,
      offlinePolicy: 'refuse',
    });
    expect(await refuse.checkCard('A045198723')).to.deep.equal({
      ok: false,
      code: 'offline-refused',
      failure: 'network',
    });
    online = true;
    const error = await accept.checkCard('A999000001').catch((e: unknown) => e);
    expect((error as { problemCode: string }).problemCode).to.equal('card-not-registered');
    accept.stop();
    refuse.stop();
  });

  it('keeps no record of a card the server refuses, and forgets one that became refused', async () => {
    let online = true;
    let status = 'active';
    const client = {
      registerBatch: async () => ({ results: [] }),
      lookupCard: async () => {
        if (!online) throw apiError('network', true);
        return { ...card, status };
      },
    };
    const databaseName = freshDbName('refused-cache');
    const outbox = createOutbox({ target: TARGET, client, databaseName, autoSync: false });
    const cached = async () =>
      (
        await createStrictStore(databaseName, 'outbox')('readonly', (s) => promisifyRequest(s.getAllKeys()))
      ).filter((k) => String(k).startsWith('c:')).length;
    status = 'inactive';
    await outbox.checkCard(card.id);
    expect(await cached()).to.equal(0);
    status = 'active';
    await outbox.checkCard(card.id);
    expect(await cached()).to.equal(1);
    status = 'use-ban';
    await outbox.checkCard(card.id); // the server now refuses it: the old "active" record must go
    expect(await cached()).to.equal(0);
    online = false;
    expect(await outbox.checkCard(card.id)).to.deep.include({ source: 'format', provisional: true });
    outbox.stop();
  });

  it('purges expired cards and old records on a timer, not only at start-up and after a sync', async () => {
    let now = 0;
    const server = fakeServer();
    const client = { registerBatch: async () => ({ results: [] }), lookupCard: async () => card };
    const databaseName = freshDbName('purge-timer');
    const outbox = createOutbox({
      target: TARGET,
      client,
      transport: server.transport,
      databaseName,
      autoSync: false,
      retentionMs: 1_000,
      cardCacheTtlMs: 1_000,
      purgeIntervalMs: 50,
      now: () => now,
    });
    await outbox.ready;
    await outbox.checkCard(card.id);
    await outbox.enqueue(usage());
    await outbox.syncNow(); // synced: kept for the retention
    const keys = async () =>
      (await createStrictStore(databaseName, 'outbox')('readonly', (s) => promisifyRequest(s.getAllKeys())))
        .map(String)
        .filter((k) => /^[uc]:/.test(k));
    expect((await keys()).length).to.equal(2);
    now = 5_000; // past both; no sync, no start-up, no purge() call from here on
    for (let i = 0; i < 100 && (await keys()).length > 0; i++) await sleep(20);
    expect(await keys()).to.deep.equal([]);
    outbox.stop();
  });

  it('keeps a local tally while offline and reconciles it with the server count', async () => {
    let online = true;
    const client = {
      registerBatch: async () => Promise.reject(apiError('network', true)),
      getShowTally: async (showId: string) => {
        if (!online) throw apiError('network', true);
        return {
          showId,
          cap: 5,
          ticketsGiven: 3,
          usages: 2,
          remaining: 2,
          updatedAt: '2020-02-01T10:00:00Z',
        };
      },
    };
    const outbox = createOutbox({
      target: TARGET,
      client,
      databaseName: freshDbName('tally'),
      autoSync: false,
    });
    expect(await outbox.showTally('show-1', { refresh: true })).to.include({
      ticketsGiven: 3,
      overCap: false,
      provisional: false,
    });
    online = false;
    await outbox.enqueue(usage('A045198723', 2));
    const offline = await outbox.showTally('show-1', { refresh: true });
    expect(offline).to.include({
      ticketsGiven: 6,
      localTickets: 3,
      overCap: true,
      provisional: true,
      cap: 5,
    });
    outbox.stop();
  });

  it('purges synced and resolved records after the retention, not before', async () => {
    let now = 1_000;
    const server = fakeServer();
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('retention'),
      autoSync: false,
      retentionMs: 10_000,
      now: () => now,
    });
    await outbox.enqueue(usage());
    await outbox.syncNow();
    const tally = await outbox.showTally('show-1');
    expect(tally.localUsages).to.equal(1); // still held: the server count was never fetched
    now += 9_000;
    expect(await outbox.purge()).to.equal(0);
    now += 2_000;
    expect(await outbox.purge()).to.equal(1);
    expect((await outbox.showTally('show-1')).localUsages).to.equal(0);
    outbox.stop();
  });

  it('exports pending and needs-attention records as the usage report (not synced ones)', async () => {
    const server = refusingInactive();
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('csv'),
      autoSync: false,
    });
    await outbox.enqueue(usage('A999005380', 1));
    await outbox.enqueue(usage('A045198723', 2));
    await outbox.syncNow();
    await outbox.enqueue(usage('A999005458', 0, '@Matti'));
    const csv = await outbox.exportCsv({ bom: false });
    const lines = csv.split('\r\n');
    // The template's columns and the outbox's, then each record's key and the request's details.
    expect(lines.map((l) => l.replace(/;[0-9a-f-]{36};"\{""v"":1,""api"":""http.*\}"$/, ''))).to.deep.equal([
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti;Tarkistus;Lähetyksen tila;Kirjaustunniste;Kirjauksen tiedot',
      'A999005380;1;1;Taikuri Matti;3.2.2020;18:00;varaus;;verkossa;vaatii huomiota',
      "A999005458;1;0;'@Matti;3.2.2020;18:00;varaus;;verkossa;odottaa",
      'Yhteensä;2;1;;;;;;;;;',
      '',
    ]);
    expect(lines[1]).to.contain(`;${(await outbox.needsAttention())[0]!.id};"{`);
    expect(lines[2]).to.contain(`;${(await outbox.pending())[0]!.id};"{`);
    outbox.stop();
  });

  it('reports its capabilities and asks for persistent storage', async () => {
    const outbox = createOutbox({
      target: TARGET,
      transport: fakeServer().transport,
      databaseName: freshDbName('caps'),
      autoSync: false,
    });
    await outbox.ready;
    expect(outbox.capabilities).to.include({
      lock: 'web-locks',
      idempotencyKey: 'random-uuid',
      broadcast: 'broadcast-channel',
      secureContext: true,
    });
    // Asked at start-up, answered whenever the browser answers (start-up does not wait for it): the outbox reports
    // what the browser answers this page. WebKitGTK has no StorageManager; Firefox asks the person, and headless
    // nobody answers, so the request stays open.
    if (typeof navigator.storage?.persist !== 'function') {
      expect(outbox.capabilities.persistence).to.equal('unsupported');
    } else {
      for (let i = 0; i < 200 && outbox.capabilities.persistence === 'requested'; i++) await sleep(10);
      if (outbox.capabilities.persistence === 'requested') {
        // Still open: then the browser really is still asking (its persist() does not answer the page either).
        const direct = await Promise.race([
          navigator.storage.persist().then(() => 'answered'),
          sleep(1000).then(() => 'still asking'),
        ]);
        expect(direct).to.equal('still asking');
      } else {
        expect(['persisted', 'not-persisted']).to.include(outbox.capabilities.persistence);
      }
    }
    outbox.stop();
    const error = await outbox.enqueue(usage()).catch((e: unknown) => e);
    expect((error as { code: string }).code).to.equal('outbox-stopped');
  });
});
