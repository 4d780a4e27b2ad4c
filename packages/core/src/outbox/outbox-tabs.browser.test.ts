import { expect } from '@esm-bundle/chai';
import { createOutbox } from './create-outbox.js';
import type { OutboxEvent } from './outbox-events.js';
import { createStrictStore } from './strict-store.js';
import { createSyncLock } from './sync-lock.js';
import { fakeServer, freshDbName, nextEvent, usage, TARGET } from './outbox.test-support.js';
import type { BatchEntry, ItemOutcome, OutboxTransport } from './types.js';
import { until } from '../../../../test/support/until.js';

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
      // The other tab hears of a's run over a BroadcastChannel: a message each, delivered when the page gets to it.
      const heard = () => ['started', 'progress', 'finished'].every((p) => remote.includes(p));
      await until(() => b.counts.pending === 0 && (ra.outcome !== 'done' || heard())).catch(() => undefined);
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
    await until(() => lostSignal !== undefined); // a holds the lease, taken on the clock before the jump
    now += 10_000; // the heartbeat could not run: the lease expired
    expect(await b.run(async () => 'took over')).to.deep.equal({ busy: false, value: 'took over' });
    let letGo!: () => void;
    const gate = new Promise<void>((r) => (letGo = r));
    const stolen = b.run(() => gate);
    // a's heartbeat (every 100 ms) finds b's lease, whenever a loaded page runs it.
    await until(() => lostSignal?.aborted === true).catch(() => undefined);
    expect(lostSignal?.aborted).to.equal(true);
    letGo();
    freeze();
    await frozen;
    await stolen;
  });
});
