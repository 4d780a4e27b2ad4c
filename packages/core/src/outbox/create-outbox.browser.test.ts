import { expect } from '@esm-bundle/chai';
import { createOutbox } from './create-outbox.js';
import type { OutboxEvent } from './outbox-events.js';
import { OutboxError } from './outbox-error.js';
import { createStrictStore } from './strict-store.js';
import { recordStore } from './record-store.js';
import {
  apiError,
  fakeServer,
  freshDbName,
  nextEvent,
  refusingInactive,
  rejectionWithFullDisk,
  usage,
  TARGET,
} from './outbox.test-support.js';
import type { UseStore } from 'idb-keyval';

describe('createOutbox', () => {
  it('writes the usage durably before resolving and announces it queued', async () => {
    const databaseName = freshDbName('enqueue');
    const server = fakeServer();
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName,
      autoSync: false,
    });
    const events: string[] = [];
    outbox.addEventListener('outbox-usage-queued', (e) => events.push(`queued:${e.detail.cardId}`));
    const record = await outbox.enqueue(usage('A045198723', 2));
    // A second, independent connection sees it: it is on disk, not in a buffer of this instance.
    const other = recordStore(createStrictStore(databaseName, 'outbox'));
    const stored = await other.get(record.id);
    expect(stored?.state).to.equal('pending');
    expect(stored?.usage.cardId).to.equal('A045198723');
    expect(record.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(events).to.deep.equal(['queued:A045198723']);
    expect(await outbox.pendingCount()).to.equal(1);
    expect(server.requests.length).to.equal(0);
    outbox.stop();
  });

  it('refuses a usage with fields the contract does not know, naming them, and stores nothing about a holder', async () => {
    const outbox = createOutbox({
      target: TARGET,
      transport: fakeServer().transport,
      databaseName: freshDbName('privacy'),
      autoSync: false,
    });
    const withExtra = { ...usage(), holderName: 'Maija Meikäläinen', phone: '040 123' } as ReturnType<
      typeof usage
    >;
    const error = await outbox.enqueue(withExtra).catch((e: unknown) => e);
    expect((error as OutboxError).code).to.equal('invalid-usage');
    expect((error as OutboxError).params.fields).to.equal('holderName, phone');
    const said = `${String((error as Error).message)} ${JSON.stringify(error)}`;
    expect(said).to.not.contain('Maija');
    expect(said).to.not.contain('040 123');
    expect(await outbox.pendingCount()).to.equal(0);
    outbox.stop();
  });

  it('refuses an invalid usage with invalid-usage and stores nothing', async () => {
    const outbox = createOutbox({
      target: TARGET,
      transport: fakeServer().transport,
      databaseName: freshDbName('invalid'),
      autoSync: false,
    });
    const error = await outbox.enqueue({ ...usage(), childTickets: -1 }).catch((e: unknown) => e);
    expect((error as OutboxError).code).to.equal('invalid-usage');
    expect((error as OutboxError).params.fields).to.equal('childTickets');
    expect(await outbox.pendingCount()).to.equal(0);
    outbox.stop();
  });

  it('refuses a setting that would silently mean something else, naming the field', () => {
    const make = (o: object) => () =>
      createOutbox({
        target: TARGET,
        transport: fakeServer().transport,
        databaseName: freshDbName('opt'),
        ...o,
      });
    const refused = (o: object): OutboxError => {
      try {
        make(o)().stop();
      } catch (e) {
        return e as OutboxError;
      }
      throw new Error('expected invalid-option');
    };
    expect(refused({ offlinePolicy: 'accept' })).to.include({ code: 'invalid-option' });
    expect(refused({ offlinePolicy: 'accept' }).params.fields).to.equal('offlinePolicy');
    expect(refused({ cardCacheTtlMs: Number.NaN, retentionMs: -1 }).params.fields).to.equal(
      'retentionMs, cardCacheTtlMs',
    );
    expect(refused({ purgeIntervalMs: 0 }).params.fields).to.equal('purgeIntervalMs');
  });

  it('syncs in batches, each record once, and marks them synced', async () => {
    const server = fakeServer();
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('sync'),
      autoSync: false,
      batchSize: 3,
    });
    for (let i = 0; i < 7; i++) await outbox.enqueue(usage(`A00000000${i}`));
    const synced: string[] = [];
    outbox.addEventListener('outbox-usage-synced', (e) => synced.push(...e.detail.ids));
    const summary = await outbox.syncNow();
    expect(summary).to.include({ outcome: 'done', pending: 0, needsAttention: 0 });
    expect(server.requests.map((r) => r.length)).to.deep.equal([3, 3, 1]);
    expect(server.registered.size).to.equal(7);
    expect(synced.length).to.equal(7);
    expect(await outbox.pendingCount()).to.equal(0);
    outbox.stop();
  });

  for (const [label, failure] of [
    ['a network error', apiError('network', true)],
    ['a timeout', apiError('timeout', true)],
    ['HTTP 503', apiError('http-503', true, { status: 503 })],
    ['a malformed body', apiError('malformed-json', true)],
    ['HTTP 401 (a token problem, not the usage)', apiError('http-401', false, { status: 401 })],
  ] as const) {
    it(`keeps every record after ${label} and resends the same key and body`, async () => {
      let fail = true;
      const server = fakeServer(() => (fail ? failure : undefined));
      const outbox = createOutbox({
        target: TARGET,
        transport: server.transport,
        databaseName: freshDbName('keep'),
        autoSync: false,
      });
      const record = await outbox.enqueue(usage());
      const first = await outbox.syncNow();
      expect(first.outcome).to.equal('failed');
      expect(first.failure).to.equal(failure.message);
      expect(first.pending).to.equal(1);
      const [kept] = await outbox.pending();
      expect(kept?.attempts).to.equal(1);
      fail = false;
      expect((await outbox.syncNow()).outcome).to.equal('done');
      const keys = server.requests.map((r) => r[0]?.idempotencyKey);
      expect(keys).to.deep.equal([record.id, record.id]);
      expect(JSON.stringify(server.requests[0]?.[0]?.usage)).to.equal(
        JSON.stringify(server.requests[1]?.[0]?.usage),
      );
      outbox.stop();
    });
  }

  it('honours Retry-After: the next attempt is not scheduled sooner', async () => {
    const server = fakeServer(() => apiError('http-429', true, { status: 429, retryAfterMs: 7_000 }));
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('retry-after'),
      autoSync: false,
      backoff: { baseMs: 10, maxMs: 100 },
    });
    await outbox.enqueue(usage());
    const events: OutboxEvent<'outbox-sync'>[] = [];
    outbox.addEventListener('outbox-sync', (e) => events.push(e));
    await outbox.syncNow();
    const scheduled = events.find((e) => e.detail.phase === 'deferred');
    expect(scheduled?.detail.retryInMs).to.be.at.least(7_000);
    expect(scheduled?.detail.failure).to.equal('http-429');
    expect(await outbox.pendingCount()).to.equal(1);
    outbox.stop();
  });

  it('turns a refusal into needs-attention, announced, until staff resolve it', async () => {
    const server = refusingInactive();
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('attention'),
      autoSync: false,
    });
    const refused = await outbox.enqueue(usage('A999005380'), { acceptance: 'provisional' });
    await outbox.enqueue(usage('A045198723'));
    const announced = nextEvent<OutboxEvent<'outbox-needs-attention'>>(outbox, 'outbox-needs-attention');
    const summary = await outbox.syncNow();
    expect(summary).to.include({ pending: 0, needsAttention: 1 });
    const event = await announced;
    expect(event.detail).to.deep.equal({
      id: refused.id,
      cardId: 'A999005380',
      code: 'card-inactive',
      acceptance: 'provisional',
    });
    const [listed] = await outbox.needsAttention();
    expect(listed?.problem).to.deep.equal({ code: 'card-inactive', status: 422 });
    // A second sync does not resend or drop it.
    await outbox.syncNow();
    expect(server.requests.flat().filter((e) => e.idempotencyKey === refused.id).length).to.equal(1);
    expect((await outbox.needsAttention()).length).to.equal(1);
    const resolved = await outbox.resolve(refused.id, 'recorded-manually');
    expect(resolved).to.include({ state: 'resolved', resolution: 'recorded-manually' });
    expect(outbox.counts).to.deep.equal({ pending: 0, needsAttention: 0 });
    const missing = await outbox.resolve(refused.id, 'dismissed').catch((e: unknown) => e);
    expect((missing as OutboxError).code).to.equal('record-not-found');
    outbox.stop();
  });

  it('resolve(id, "retry") queues a refused usage again under a new key', async () => {
    let refuse = true;
    const server = fakeServer((entries) =>
      entries.map(() =>
        refuse ? { kind: 'refused', code: 'card-not-registered', status: 404 } : { kind: 'accepted' },
      ),
    );
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('retry'),
      autoSync: false,
    });
    const record = await outbox.enqueue(usage());
    await outbox.syncNow();
    refuse = false;
    const again = await outbox.resolve(record.id, 'retry');
    expect(again).to.include({ state: 'pending', resolution: 'retry', attempts: 0 });
    expect(again.id).to.not.equal(record.id); // the server would replay its refusal for the old key
    expect(again.usage).to.deep.equal(record.usage);
    expect(await outbox.needsAttention()).to.deep.equal([]);
    expect((await outbox.syncNow()).outcome).to.equal('done');
    expect(server.requests.map((r) => r[0]?.idempotencyKey)).to.deep.equal([record.id, again.id]);
    expect(await outbox.pendingCount()).to.equal(0);
    outbox.stop();
  });

  it('treats a 409 in-progress item as transient and retries it later', async () => {
    const server = fakeServer((entries, call) =>
      entries.map(() =>
        call === 1 ? { kind: 'transient', code: 'idempotency-key-in-progress' } : { kind: 'accepted' },
      ),
    );
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('409'),
      autoSync: false,
    });
    await outbox.enqueue(usage());
    expect((await outbox.syncNow()).outcome).to.equal('failed');
    expect(await outbox.pendingCount()).to.equal(1);
    expect((await outbox.syncNow()).outcome).to.equal('done');
    outbox.stop();
  });
});

describe('createOutbox storage failures', () => {
  const failingStore =
    (name: string): UseStore =>
    () =>
      Promise.reject(new DOMException('simulated', name));

  it('rejects with storage-quota, emits outbox-error and never announces the usage queued', async () => {
    const outbox = createOutbox(
      { target: TARGET, transport: fakeServer().transport, autoSync: false },
      failingStore('QuotaExceededError'),
    );
    const errors: string[] = [];
    let queued = 0;
    outbox.addEventListener('outbox-error', (e) => errors.push(e.detail.code));
    outbox.addEventListener('outbox-usage-queued', () => queued++);
    const error = await outbox.enqueue(usage()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OutboxError);
    expect((error as OutboxError).code).to.equal('storage-quota');
    expect(errors).to.include('storage-quota');
    expect(queued).to.equal(0);
    expect(outbox.counts.pending).to.equal(0);
    outbox.stop();
  });

  it('a real quota failure inside IndexedDB (put throws) is reported as storage-quota', async () => {
    const outbox = createOutbox({
      target: TARGET,
      transport: fakeServer().transport,
      databaseName: freshDbName('quota'),
      autoSync: false,
    });
    await outbox.ready;
    const error = await rejectionWithFullDisk(() => outbox.enqueue(usage()));
    expect((error as OutboxError).code).to.equal('storage-quota');
    expect(await outbox.pendingCount()).to.equal(0);
    outbox.stop();
  });

  it('rejects with storage-unavailable when IndexedDB is missing (private mode, blocked)', async () => {
    const blocked = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const store = createStrictStore(freshDbName('unavailable'), 'outbox', { indexedDB: blocked });
    const outbox = createOutbox(
      { target: TARGET, transport: fakeServer().transport, autoSync: false },
      store,
    );
    const startErrors: string[] = [];
    outbox.addEventListener('outbox-error', (e) => startErrors.push(e.detail.code));
    await outbox.ready;
    const error = await outbox.enqueue(usage()).catch((e: unknown) => e);
    expect((error as OutboxError).code).to.equal('storage-unavailable');
    expect(startErrors).to.include('storage-unavailable');
    outbox.stop();
  });
});
