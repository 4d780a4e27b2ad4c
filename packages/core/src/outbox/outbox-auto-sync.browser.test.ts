import { expect } from '@esm-bundle/chai';
import { createOutbox } from './create-outbox.js';
import type { OutboxEvent } from './outbox-events.js';
import { createStrictStore } from './strict-store.js';
import { recordStore } from './record-store.js';
import { apiError, fakeServer, freshDbName, nextEvent, usage, TARGET } from './outbox.test-support.js';
import { requireCapability } from '../../../../test/support/engine-skip.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
