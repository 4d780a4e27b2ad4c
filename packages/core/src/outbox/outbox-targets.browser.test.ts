/**
 * An outbox belongs to one API target (issue 11.1): records, card records and tallies are bound to it; a sync
 * run sends only its own target's records, whatever tab runs it.
 */
import { expect } from '@esm-bundle/chai';
import { promisifyRequest } from 'idb-keyval';
import { createOutbox } from './create-outbox.js';
import { OutboxError } from './outbox-error.js';
import { apiError, fakeServer, freshDbName, usage } from './outbox.test-support.js';

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
