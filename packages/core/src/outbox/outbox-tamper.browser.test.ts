/**
 * Stored records are data, not orders (issue 31.7): real IndexedDB, records rewritten behind the outbox's back
 * as a page script would (straight into the object store), and records from earlier sessions.
 */
import { expect } from '@esm-bundle/chai';
import { promisifyRequest } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import { createOutbox } from './create-outbox.js';
import type { OutboxError } from './outbox-error.js';
import { createStrictStore } from './strict-store.js';
import { fakeServer, freshDbName, TARGET, usage } from './outbox.test-support.js';
import type { OutboxRecord } from './types.js';

/** What a page script can do: read and write the outbox's object store directly. */
const raw = (store: UseStore) => ({
  get: (id: string) =>
    store('readonly', (s) => promisifyRequest(s.get(`u:${id}`) as IDBRequest<OutboxRecord>)),
  put: (r: OutboxRecord) =>
    store('readwrite', (s) => {
      s.put(r, `u:${r.id}`);
      return promisifyRequest(s.transaction);
    }),
});

describe('records changed outside the outbox', () => {
  const open = (databaseName: string, server = fakeServer(), retentionMs = 60_000) => ({
    server,
    outbox: createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName,
      autoSync: false,
      retentionMs,
    }),
  });

  it('another card or show written into a pending record: never sent, needs attention, not retryable', async () => {
    const databaseName = freshDbName('tamper-content');
    const { server, outbox } = open(databaseName);
    const honest = await outbox.enqueue(usage('A045198723'));
    const victim = await outbox.enqueue(usage('A999005458'));
    const store = raw(createStrictStore(databaseName, 'outbox'));
    const stored = await store.get(victim.id);
    await store.put({
      ...stored,
      usage: { ...stored.usage, cardId: 'A999991234', show: { ...stored.usage.show, id: 'other' } },
    });

    await outbox.syncNow();
    const sent = server.requests.flat().map((e) => e.usage.cardId);
    expect(sent).to.deep.equal(['A045198723']); // before: the rewritten card went out under the terminal's token
    const [flagged] = await outbox.needsAttention();
    expect(flagged).to.include({ id: victim.id, state: 'needs-attention' });
    expect(flagged?.problem?.code).to.equal('record-tampered');
    const retry = await outbox.resolve(victim.id, 'retry').catch((e: unknown) => e);
    expect((retry as OutboxError).code).to.equal('record-tampered');
    expect(server.requests.flat()).to.have.length(1);
    expect(honest.id).to.not.equal(victim.id);
    outbox.stop();
  });

  it('a pending record flipped to "synced" is not dropped by the purge: it needs attention', async () => {
    const databaseName = freshDbName('tamper-state');
    const { server, outbox } = open(databaseName, fakeServer(), 0);
    const record = await outbox.enqueue(usage());
    const store = raw(createStrictStore(databaseName, 'outbox'));
    await store.put({ ...(await store.get(record.id)), state: 'synced', settledAt: 0 });
    expect(await outbox.purge()).to.equal(0); // before: 1, the usage gone without a trace
    expect((await outbox.needsAttention()).map((r) => r.problem?.code)).to.deep.equal(['record-tampered']);
    await outbox.syncNow();
    expect(server.requests).to.have.length(0);
    expect(await store.get(record.id)).to.not.equal(undefined);
    outbox.stop();
  });

  it('records of an earlier session still sync', async () => {
    const databaseName = freshDbName('tamper-sessions');
    const first = open(databaseName);
    const earlier = await first.outbox.enqueue(usage('A045198723'));
    first.outbox.stop();
    const later = open(databaseName);
    await later.outbox.syncNow();
    expect(later.server.requests.flat().map((e) => e.idempotencyKey)).to.deep.equal([earlier.id]);
    expect(await later.outbox.needsAttention()).to.deep.equal([]);
    later.outbox.stop();
  });

  it('a record without a seal, even in a database that has no seal key yet, is never sent', async () => {
    const databaseName = freshDbName('tamper-unsealed');
    const unsealed: OutboxRecord = {
      id: 'unsealed-record-1',
      usage: usage('A045198723'),
      target: { api: TARGET.baseUrl, venueId: 'teatteri-hilla' },
      state: 'pending',
      acceptance: 'online',
      createdAt: 1,
      attempts: 0,
    };
    await raw(createStrictStore(databaseName, 'outbox')).put(unsealed);
    const { server, outbox } = open(databaseName);
    await outbox.syncNow();
    expect(server.requests).to.have.length(0);
    const [held] = await outbox.needsAttention();
    expect(held?.problem?.code).to.equal('record-tampered');
    outbox.stop();
  });
});

describe('a record without a target, written by a page script', () => {
  it('is never sent and never stops the outbox of this target', async () => {
    const databaseName = freshDbName('tamper-untargeted');
    const server = fakeServer();
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName,
      autoSync: false,
    });
    const honest = await outbox.enqueue(usage('A045198723'));
    const stored = await raw(createStrictStore(databaseName, 'outbox')).get(honest.id);
    const { target: _t, ...noTarget } = stored;
    await raw(createStrictStore(databaseName, 'outbox')).put({
      ...noTarget,
      id: 'no-target-1',
    } as OutboxRecord);
    const errors: unknown[] = [];
    await outbox.syncNow().catch((e: unknown) => errors.push(e));
    const counts = await outbox.targetCounts().catch((e: unknown) => (errors.push(e), []));
    const pending = await outbox.pending().catch((e: unknown) => (errors.push(e), []));
    expect({
      sent: server.requests.flat().map((e) => e.idempotencyKey),
      errors: errors.map((e) => String(e)),
    }).to.deep.equal({ sent: [honest.id], errors: [] });
    expect(counts).to.deep.equal([]);
    expect(pending).to.deep.equal([]);
    outbox.stop();
  });
});
