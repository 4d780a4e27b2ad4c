/**
 * An outbox belongs to one API target (issue 11.1): records, card records and tallies are bound to it; a sync
 * run sends only its own target's records, whatever tab runs it; records without a target (written before
 * targets existed) are never sent on a guess.
 */
import { expect } from '@esm-bundle/chai';
import { promisifyRequest } from 'idb-keyval';
import { createOutbox } from './create-outbox.js';
import { OutboxError } from './outbox-error.js';
import { recordStore } from './record-store.js';
import { createStrictStore } from './strict-store.js';
import { LEGACY_DATABASE } from './target.js';
import { apiError, fakeServer, freshDbName, usage } from './outbox-test-helpers.js';
import type { OutboxRecord } from './types.js';

const A = { baseUrl: 'https://kaikukanta.example/api/' };
const B = { baseUrl: 'https://staging.kaikukanta.example/api/' };

const deleteDb = (name: string): Promise<unknown> =>
  promisifyRequest(indexedDB.deleteDatabase(name)).catch(() => undefined);

describe('an outbox belongs to one API target', () => {
  it('sends only its own target’s records from a store two targets share, and counts each apart', async () => {
    const databaseName = freshDbName('shared');
    let aOnline = false;
    const serverA = fakeServer(() => (aOnline ? undefined : apiError('network', true)));
    const serverB = fakeServer();
    const a = createOutbox({ target: A, transport: serverA.transport, databaseName, autoSync: false });
    const b = createOutbox({ target: B, transport: serverB.transport, databaseName, autoSync: false });
    const queuedForA = await a.enqueue(usage('A045198723'));
    expect(await a.syncNow()).to.include({ outcome: 'failed', pending: 1 });
    const queuedForB = await b.enqueue(usage('A999005380'));

    // B's run (another tab, same store, same lock) sends B's record and never A's.
    expect(await b.syncNow()).to.include({ outcome: 'done', pending: 0 });
    expect(serverB.requests.flat().map((e) => e.idempotencyKey)).to.deep.equal([queuedForB.id]);
    expect((await b.pending()).map((r) => r.id)).to.deep.equal([]);
    expect((await a.pending()).map((r) => r.id)).to.deep.equal([queuedForA.id]);
    expect(queuedForA.target).to.deep.equal({ api: A.baseUrl, venueId: 'teatteri-hilla' });

    // A's record stays queued and visible, per target, in B's tab too.
    const counts = await b.targetCounts();
    expect(counts).to.deep.equal([
      {
        target: { api: A.baseUrl, venueId: 'teatteri-hilla' },
        own: false,
        pending: 1,
        needsAttention: 0,
      },
    ]);
    aOnline = true;
    expect(await a.syncNow()).to.include({ outcome: 'done', pending: 0 });
    expect(serverA.requests.flat().map((e) => e.idempotencyKey)).to.include(queuedForA.id);
    expect(serverB.registered.has(queuedForA.id)).to.equal(false);
    a.stop();
    b.stop();
  });

  it('uses one database per target by default, named after it, and exposes the scope', async () => {
    const a = createOutbox({
      target: { ...A, venueId: 'teatteri-hilla' },
      transport: fakeServer().transport,
      autoSync: false,
    });
    const client = { baseUrl: 'https://staging.kaikukanta.example/api', registerBatch: async () => [] };
    const b = createOutbox({ client, autoSync: false });
    expect(a.scope).to.deep.equal({
      api: 'https://kaikukanta.example/api/',
      venueId: 'teatteri-hilla',
      key: 'https://kaikukanta.example/api/ teatteri-hilla',
    });
    expect(b.scope.api).to.equal('https://staging.kaikukanta.example/api/'); // from the client
    expect(a.databaseName).to.equal('kaiku-outbox https://kaikukanta.example/api/ teatteri-hilla');
    expect(b.databaseName).to.equal('kaiku-outbox https://staging.kaikukanta.example/api/');
    await a.enqueue(usage());
    expect(await b.pendingCount()).to.equal(0);
    expect((await b.targetCounts()).length).to.equal(0);
    a.stop();
    b.stop();
    await Promise.all([deleteDb(a.databaseName), deleteDb(b.databaseName)]);
  });

  it('refuses a usage for another venue, and an outbox that cannot know its target', async () => {
    const a = createOutbox({
      target: { ...A, venueId: 'kino-helmi' },
      transport: fakeServer().transport,
      databaseName: freshDbName('venue'),
      autoSync: false,
    });
    const error = await a.enqueue(usage()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OutboxError);
    expect((error as OutboxError).code).to.equal('target-mismatch');
    expect((error as OutboxError).params.fields).to.equal('venueId');
    expect(await a.pendingCount()).to.equal(0);
    a.stop();
    const noTarget = (() => {
      try {
        createOutbox({ transport: fakeServer().transport, autoSync: false });
      } catch (e) {
        return e as OutboxError;
      }
      return undefined;
    })();
    expect(noTarget?.code).to.equal('invalid-option');
    expect(noTarget?.params.fields).to.equal('target');
    const badUrl = (() => {
      try {
        createOutbox({ target: { baseUrl: 'kaikukanta' }, transport: fakeServer().transport });
      } catch (e) {
        return e as OutboxError;
      }
      return undefined;
    })();
    expect(badUrl?.params.fields).to.equal('target.baseUrl');
  });

  it('binds card records and tallies to the target: one API’s answers never decide for another', async () => {
    const databaseName = freshDbName('cards');
    const card = { id: 'A045198723', status: 'active', validUntil: '2099-01-01', minors: 2 };
    const tally = { showId: 'show-1', cap: 5, ticketsGiven: 4, usages: 3 };
    const online = {
      registerBatch: async () => [],
      lookupCard: async () => card,
      getShowTally: async () => tally,
    };
    const offline = {
      registerBatch: async () => [],
      lookupCard: async () => Promise.reject(apiError('network', true)),
      getShowTally: async () => Promise.reject(apiError('network', true)),
    };
    const a = createOutbox({ target: A, client: online, databaseName, autoSync: false });
    const b = createOutbox({ target: B, client: offline, databaseName, autoSync: false });
    expect(await a.checkCard(card.id)).to.include({ source: 'server' });
    await a.showTally('show-1', { refresh: true });
    expect(await b.checkCard(card.id)).to.include({ source: 'format' });
    expect((await b.showTally('show-1', { refresh: true })).server).to.equal(undefined);
    const a2 = createOutbox({ target: A, client: offline, databaseName, autoSync: false });
    expect(await a2.checkCard(card.id)).to.include({ source: 'cache' });
    expect((await a2.showTally('show-1', { refresh: true })).server?.ticketsGiven).to.equal(4);
    a.stop();
    b.stop();
    a2.stop();
  });
});

describe('records written before targets existed', () => {
  const legacyRecord = (id: string, venueId: string, state: OutboxRecord['state']): OutboxRecord => ({
    id,
    usage: { ...usage(), venueId },
    state,
    acceptance: 'online',
    createdAt: 1,
    attempts: 1,
    ...(state === 'synced' ? { settledAt: 1 } : {}),
  });

  it('are never sent on a guess: the outbox of their venue takes them as needs attention, keys kept', async () => {
    await deleteDb(LEGACY_DATABASE);
    const legacy = recordStore(createStrictStore(LEGACY_DATABASE, 'outbox'));
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    await legacy.put(legacyRecord(ids[0]!, 'teatteri-hilla', 'pending'));
    await legacy.put(legacyRecord(ids[1]!, 'kino-helmi', 'pending'));
    await legacy.put(legacyRecord('33333333-3333-4333-8333-333333333333', 'teatteri-hilla', 'synced'));

    const server = fakeServer();
    const hilla = createOutbox({
      target: { ...B, venueId: 'teatteri-hilla' },
      transport: server.transport,
      autoSync: false, // syncNow() below decides when; a background run could end just before a retry
    });
    const attention: string[] = [];
    hilla.addEventListener('outbox-needs-attention', (e) =>
      attention.push(`${e.detail.id}:${e.detail.code}`),
    );
    await hilla.ready;
    expect(await hilla.syncNow()).to.include({ outcome: 'done', pending: 0, needsAttention: 1 });
    expect(server.requests.length).to.equal(0); // nothing sent: the API it was meant for is unknown
    const [taken] = await hilla.needsAttention();
    expect(taken).to.deep.include({ id: ids[0], state: 'needs-attention' });
    expect(taken?.problem).to.deep.equal({ code: 'target-unknown' });
    expect(attention).to.deep.equal([`${ids[0]}:target-unknown`]);
    // Moved out of the shared database; the other venue's record waits there for its own outbox.
    expect((await legacy.listAll()).map((r) => r.id)).to.deep.equal([ids[1]]);

    // Staff decide it belongs here: retry sends it under its own key (a first attempt may have reached
    // an API already; the same key lets that API answer with its first result).
    const retried = await hilla.resolve(ids[0]!, 'retry');
    expect(retried.id).to.equal(ids[0]);
    expect(await hilla.syncNow()).to.include({ outcome: 'done', pending: 0, needsAttention: 0 });
    expect(server.requests.flat().map((e) => e.idempotencyKey)).to.deep.equal([ids[0]]);
    hilla.stop();
    await deleteDb(hilla.databaseName);
    await deleteDb(LEGACY_DATABASE);
  });

  it('in a named store shared on purpose, are taken the same way and never sent', async () => {
    const databaseName = freshDbName('untargeted');
    const raw = recordStore(createStrictStore(databaseName, 'outbox'));
    await raw.put(legacyRecord('44444444-4444-4444-8444-444444444444', 'teatteri-hilla', 'pending'));
    const server = fakeServer();
    const outbox = createOutbox({ target: A, transport: server.transport, databaseName, autoSync: false });
    await outbox.ready;
    await outbox.syncNow();
    expect(server.requests.length).to.equal(0);
    expect((await outbox.needsAttention()).map((r) => r.problem?.code)).to.deep.equal(['target-unknown']);
    outbox.stop();
  });
});
