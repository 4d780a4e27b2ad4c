import { expect } from '@esm-bundle/chai';
import { set } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import { createApiClient } from '../api/create-api-client.js';
import type { Transport, TransportRequest } from '../api/transport.js';
import type { BatchItemResult } from '../schemas/api.js';
import { createOutbox } from './create-outbox.js';
import type { OutboxEvent } from './outbox-events.js';
import { OutboxError } from './outbox-error.js';
import { MAX_RETRY_AFTER_MS } from './backoff.js';
import { createStrictStore } from './strict-store.js';
import { freshDbName, usage, TARGET } from './outbox.test-support.js';

/**
 * The outbox with the real API client and real IndexedDB, against a stand-in Kaikukanta that
 * registers each key once (like the sandbox) behind a "network" that misbehaves per `fault`.
 */
type Fault = (req: TransportRequest, commit: () => BatchItemResult[]) => Promise<Response> | Response;

function kaikukanta() {
  const registered = new Map<string, number>();
  const refuse = new Set<string>();
  let fault: Fault | undefined;
  let requests = 0;
  const result = {
    usageId: '00000000-0000-4000-8000-000000000001',
    registeredAt: '2026-11-21T10:00:01Z',
    tickets: { adult: 1, children: 0, groupMembers: 0, under16Clients: 0, total: 1 },
    showTally: {
      showId: 's',
      cap: null,
      ticketsGiven: 0,
      remaining: null,
      usages: 1,
      updatedAt: '2026-11-21T10:00:01Z',
    },
  } as const;
  const commit = (req: TransportRequest): BatchItemResult[] =>
    (req.body as { items: { idempotencyKey: string; usage: { cardId: string } }[] }).items.map(
      ({ idempotencyKey, usage: u }): BatchItemResult => {
        if (refuse.has(u.cardId)) {
          return {
            idempotencyKey,
            ok: false,
            problem: { type: 'about:blank', title: 'Inactive', status: 422, code: 'card-inactive' },
          };
        }
        const replayed = registered.has(idempotencyKey);
        if (!replayed) registered.set(idempotencyKey, 1);
        return { idempotencyKey, ok: true, replayed, result };
      },
    );
  const transport: Transport = async (req) => {
    requests++;
    if (fault) return fault(req, () => commit(req));
    return Response.json({ results: commit(req) });
  };
  return {
    registered,
    refuse,
    get requests() {
      return requests;
    },
    setFault(f: Fault | undefined) {
      fault = f;
    },
    client: (getToken: () => string | Promise<string> = () => 'tok') =>
      createApiClient({
        baseUrl: 'https://kaikukanta.test/',
        getToken,
        transport,
        timeoutMs: 200,
        retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
      }),
  };
}

const html = (status: number, body = '<html><body>Please log in to the guest Wi-Fi</body></html>') =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

function deferredEvents(target: EventTarget): OutboxEvent<'outbox-sync'>[] {
  const events: OutboxEvent<'outbox-sync'>[] = [];
  target.addEventListener('outbox-sync', (e) => {
    const event = e as OutboxEvent<'outbox-sync'>;
    if (event.detail.phase === 'deferred') events.push(event);
  });
  return events;
}

describe('outbox against network faults (real client, real IndexedDB)', () => {
  for (const [label, fault, code] of [
    ['a captive portal (200 text/html)', () => html(200), 'content-type'],
    [
      'a portal page claiming application/json',
      () => new Response('<html>', { headers: { 'content-type': 'application/json' } }),
      'malformed-json',
    ],
    [
      'a 200 with an empty body',
      () => new Response('', { headers: { 'content-type': 'application/json' } }),
      'malformed-json',
    ],
    ['a proxy HTML 404', () => html(404), 'http-404'],
    ['a proxy asking for its own login (407)', () => html(407), 'http-407'],
    ['a gateway 504 HTML page', () => html(504), 'http-504'],
  ] as [string, Fault, string][]) {
    it(`keeps every usage pending through ${label}, then sends each exactly once`, async () => {
      const server = kaikukanta();
      server.setFault(fault);
      const outbox = createOutbox({
        target: TARGET,
        client: server.client(),
        databaseName: freshDbName('fault'),
        autoSync: false,
      });
      const deferred = deferredEvents(outbox);
      for (let i = 0; i < 3; i++) await outbox.enqueue(usage(`A04519872${i}`));
      const first = await outbox.syncNow();
      expect(first).to.include({ outcome: 'failed', failure: code, pending: 3, needsAttention: 0 });
      expect(deferred.at(-1)?.detail.failure).to.equal(code);
      expect(server.registered.size).to.equal(0);
      server.setFault(undefined);
      expect(await outbox.syncNow()).to.include({ outcome: 'done', pending: 0, needsAttention: 0 });
      expect([...server.registered.values()]).to.deep.equal([1, 1, 1]);
      outbox.stop();
    });
  }

  it('a token provider that throws (the host’s login is down) never turns usages into needs-attention', async () => {
    const server = kaikukanta();
    let loginDown = true;
    const outbox = createOutbox({
      target: TARGET,
      client: server.client(() => {
        if (loginDown) throw new Error('SSO unreachable');
        return 'tok';
      }),
      databaseName: freshDbName('token'),
      autoSync: false,
      batchSize: 2,
    });
    for (let i = 0; i < 3; i++) await outbox.enqueue(usage(`A04519872${i}`));
    expect(await outbox.syncNow()).to.include({
      outcome: 'failed',
      failure: 'http-401',
      pending: 3,
      needsAttention: 0,
    });
    expect(server.requests).to.equal(0);
    loginDown = false;
    expect(await outbox.syncNow()).to.include({ outcome: 'done', pending: 0, needsAttention: 0 });
    outbox.stop();
  });

  it('an answer lost after the server committed (the client times out) is replayed, not registered twice', async () => {
    const server = kaikukanta();
    let lose = 2;
    server.setFault((_req, commit) => {
      commit();
      return lose-- > 0 ? new Promise<Response>(() => undefined) : Response.json({ results: commit() });
    });
    const outbox = createOutbox({
      target: TARGET,
      client: server.client(),
      databaseName: freshDbName('lost'),
      autoSync: false,
    });
    await outbox.enqueue(usage());
    await outbox.enqueue(usage('A045198721'));
    expect(await outbox.syncNow()).to.include({ outcome: 'failed', failure: 'timeout', pending: 2 });
    expect(await outbox.syncNow()).to.include({ outcome: 'done', pending: 0 });
    expect([...server.registered.values()]).to.deep.equal([1, 1]);
    outbox.stop();
  });

  it('a reordered batch answer with a refusal marks the refused usage, not its neighbour', async () => {
    const server = kaikukanta();
    server.refuse.add('A045198722');
    server.setFault((_req, commit) => Response.json({ results: commit().reverse() }));
    const outbox = createOutbox({
      target: TARGET,
      client: server.client(),
      databaseName: freshDbName('reorder'),
      autoSync: false,
    });
    for (let i = 0; i < 4; i++) await outbox.enqueue(usage(`A04519872${i}`));
    expect(await outbox.syncNow()).to.include({ outcome: 'done', pending: 0, needsAttention: 1 });
    const [attention] = await outbox.needsAttention();
    expect(attention?.usage.cardId).to.equal('A045198722');
    expect(server.registered.size).to.equal(3);
    outbox.stop();
  });

  it('a batch answer with a result missing marks nothing by position; a correct answer later does', async () => {
    const server = kaikukanta();
    server.refuse.add('A045198720');
    server.setFault((_req, commit) => Response.json({ results: commit().slice(1) }));
    const outbox = createOutbox({
      target: TARGET,
      client: server.client(),
      databaseName: freshDbName('short'),
      autoSync: false,
    });
    for (let i = 0; i < 3; i++) await outbox.enqueue(usage(`A04519872${i}`));
    expect(await outbox.syncNow()).to.include({
      outcome: 'failed',
      failure: 'schema',
      pending: 3,
      needsAttention: 0,
    });
    server.setFault(undefined);
    expect(await outbox.syncNow()).to.include({ outcome: 'done', pending: 0, needsAttention: 1 });
    expect((await outbox.needsAttention())[0]?.usage.cardId).to.equal('A045198720');
    expect([...server.registered.values()]).to.deep.equal([1, 1]);
    outbox.stop();
  });

  it('a 429 with a far-future Retry-After date waits an hour at most, never a tight loop', async () => {
    const server = kaikukanta();
    server.setFault(
      () => new Response(null, { status: 429, headers: { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' } }),
    );
    const outbox = createOutbox({
      target: TARGET,
      client: server.client(),
      databaseName: freshDbName('far'),
    });
    const deferred = deferredEvents(outbox);
    await outbox.enqueue(usage());
    const until = Date.now() + 15_000; // a hang guard: a loaded machine may take seconds
    while (deferred.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    expect(deferred.length).to.equal(1);
    expect(deferred[0]?.detail.retryInMs).to.equal(MAX_RETRY_AFTER_MS);
    expect(server.requests).to.equal(1);
    outbox.stop();
  });

  it('syncs whatever navigator.onLine claims, and a burst of online events makes one run', async () => {
    const server = kaikukanta();
    const outbox = createOutbox({
      target: TARGET,
      client: server.client(),
      databaseName: freshDbName('online'),
      autoSync: false,
    });
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
    try {
      await outbox.enqueue(usage());
      expect(await outbox.syncNow()).to.include({ outcome: 'done', pending: 0 });
    } finally {
      Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
    outbox.stop();

    // onLine says true while the network is down: the flapping `online` events must not hammer it.
    const down = kaikukanta();
    down.setFault(() => Promise.reject(new TypeError('Failed to fetch')));
    const auto = createOutbox({
      target: TARGET,
      client: down.client(),
      databaseName: freshDbName('flap'),
      backoff: { baseMs: 5_000, maxMs: 60_000 },
    });
    await auto.ready;
    await auto.enqueue(usage());
    await new Promise((r) => setTimeout(r, 100));
    const before = down.requests;
    for (let i = 0; i < 30; i++) {
      dispatchEvent(new Event('online'));
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(down.requests - before).to.be.at.most(4);
    auto.stop();
  });
});

describe('IndexedDB that will not open', () => {
  it('an open() that never settles fails with storage-unavailable instead of hanging', async () => {
    const stuck = { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory;
    const store = createStrictStore(freshDbName('stuck'), 'outbox', { indexedDB: stuck, openTimeoutMs: 100 });
    const started = performance.now();
    const error = await set('a', 1, store).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(OutboxError);
    expect((error as OutboxError).code).to.equal('storage-unavailable');
    expect(performance.now() - started).to.be.below(2_000);
  });

  it('an open that succeeds after the timeout is closed, and the next call opens again', async () => {
    let opens = 0;
    // The first success is held until the first call has timed out (not for a fixed time: an open in a loaded
    // WebKit took longer than the old 100 ms timeout on its own, and the second call failed with it).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slowFirst = {
      open: (name: string) => {
        opens++;
        const request = indexedDB.open(name);
        if (opens > 1) return request;
        // Hold the first success back past the timeout.
        const proxy = {
          result: undefined as unknown,
          error: null,
          onsuccess: null,
          onerror: null,
          onupgradeneeded: null,
        } as {
          [k: string]: unknown;
        };
        request.onupgradeneeded = (e) => {
          proxy.result = request.result;
          (proxy.onupgradeneeded as ((e: Event) => void) | null)?.(e);
        };
        request.onsuccess = () =>
          void released.then(() => {
            proxy.result = request.result;
            (proxy.onsuccess as (() => void) | null)?.();
          });
        return proxy as unknown as IDBOpenDBRequest;
      },
    } as unknown as IDBFactory;
    const name = freshDbName('slow');
    const store = createStrictStore(name, 'outbox', { indexedDB: slowFirst, openTimeoutMs: 1_000 });
    const first = await set('a', 1, store).then(
      () => 'ok',
      (e: unknown) => (e as OutboxError).code,
    );
    expect(first).to.equal('storage-unavailable');
    release();
    await new Promise((r) => setTimeout(r, 50));
    await set('b', 2, store);
    expect(opens).to.equal(2);
  });
});

describe('storage failing in the middle of a sync run', () => {
  it('a write that aborts after the server answered keeps the record, ends the run, and the resend is a replay', async () => {
    const server = kaikukanta();
    const strict = createStrictStore(freshDbName('abort'), 'outbox');
    let failWrites = false;
    let writes = 0;
    // The first write of the run (marking the record in flight, before the request) lands; the next aborts.
    const store: UseStore = (mode, callback) =>
      failWrites && mode === 'readwrite' && ++writes > 1
        ? Promise.reject(new DOMException('The transaction was aborted', 'AbortError'))
        : strict(mode, callback);
    const outbox = createOutbox({ target: TARGET, client: server.client(), autoSync: false }, store);
    const phases: string[] = [];
    outbox.addEventListener('outbox-sync', (e) => phases.push(e.detail.phase));
    const errors: string[] = [];
    outbox.addEventListener('outbox-error', (e) => errors.push(e.detail.code));
    await outbox.ready; // the start-up purge's write is done: the run's first write is the in-flight mark
    await outbox.enqueue(usage());
    failWrites = true;
    const summary = await outbox.syncNow().catch((e: unknown) => e);
    failWrites = false;
    expect(summary).to.include({ outcome: 'failed', failure: 'sync-storage-failed' });
    expect(phases[0]).to.equal('started');
    expect(phases).to.include('finished'); // never left "sending" on screen
    expect(errors).to.deep.equal(['sync-storage-failed']);
    expect(server.registered.size).to.equal(1); // the server did register it
    expect(await outbox.pendingCount()).to.equal(1);
    expect(await outbox.syncNow()).to.include({ outcome: 'done', pending: 0 });
    expect([...server.registered.values()]).to.deep.equal([1]); // replayed, not registered twice
    outbox.stop();
  });
});

describe('a transport that never settles', () => {
  it('cannot hold the sync lock for good: the batch times out, the lock is free, the record stays', async () => {
    let hang = true;
    const sent: string[] = [];
    const name = freshDbName('hang');
    const transport = {
      sendBatch: (entries: readonly { idempotencyKey: string }[]) => {
        sent.push(...entries.map((e) => e.idempotencyKey));
        return hang
          ? new Promise<never>(() => undefined) // ignores the abort signal, too
          : Promise.resolve(entries.map(() => ({ kind: 'accepted' as const })));
      },
    };
    const outbox = createOutbox({
      target: TARGET,
      transport,
      databaseName: name,
      autoSync: false,
      sendTimeoutMs: 150,
    });
    const other = createOutbox({
      target: TARGET,
      transport,
      databaseName: name,
      autoSync: false,
      sendTimeoutMs: 150,
    });
    const record = await outbox.enqueue(usage());
    const phases: string[] = [];
    outbox.addEventListener('outbox-sync', (e) => phases.push(e.detail.phase));
    expect(await outbox.syncNow()).to.include({ outcome: 'failed', failure: 'timeout', pending: 1 });
    expect(phases).to.include('finished');
    hang = false;
    expect(await other.syncNow()).to.include({ outcome: 'done', pending: 0 }); // the lock was released
    expect(sent).to.deep.equal([record.id, record.id]);
    outbox.stop();
    other.stop();
  });
});

describe('a terminal clock that was hours off', () => {
  it('does not trust a card record cached while the clock ran ahead once it is corrected', async () => {
    const realNow = Date.now();
    let clock = realNow + 3 * 3_600_000; // the clock runs 3 h ahead
    let online = true;
    const card = { id: 'A045198723', status: 'active', validUntil: '2030-01-01', minors: 0 };
    const outbox = createOutbox({
      target: TARGET,
      client: {
        registerBatch: () => Promise.reject(new TypeError('unused')),
        lookupCard: () =>
          online
            ? Promise.resolve(card)
            : Promise.reject(
                Object.assign(new Error('Failed to fetch'), { code: 'network', retryable: true }),
              ),
      },
      databaseName: freshDbName('skew'),
      autoSync: false,
      now: () => clock,
    });
    expect(await outbox.checkCard(card.id)).to.include({ source: 'server' });
    online = false;
    expect(await outbox.checkCard(card.id)).to.include({ source: 'cache' }); // same (wrong) clock: fine
    clock = realNow; // NTP corrects the clock: the record's age is unknown now
    expect(await outbox.checkCard(card.id)).to.include({ source: 'format', provisional: true });
    outbox.stop();
  });
});

describe('checkCard behind a portal or a misrouting proxy', () => {
  it('an HTML 404 or a portal page is no verdict on the card: decided offline, flagged provisional', async () => {
    let answer: () => Response = () => html(404);
    const client = createApiClient({
      baseUrl: 'https://kaikukanta.test/',
      getToken: () => 'tok',
      transport: async () => answer(),
      retry: 0,
    });
    const outbox = createOutbox({
      target: TARGET,
      client,
      databaseName: freshDbName('lookup'),
      autoSync: false,
    });
    expect(await outbox.checkCard('A045198723')).to.include({
      source: 'format',
      provisional: true,
      failure: 'http-404',
    });
    answer = () => html(200);
    expect(await outbox.checkCard('A045198723')).to.include({ source: 'format', failure: 'content-type' });
    // Kaikukanta's own 404 problem is a verdict: rethrown.
    answer = () =>
      Response.json(
        { type: 'about:blank', title: 'Not registered', status: 404, code: 'card-not-registered' },
        { status: 404, headers: { 'content-type': 'application/problem+json' } },
      );
    const error = await outbox.checkCard('A045198723').catch((e: unknown) => e);
    expect((error as { problemCode?: string }).problemCode).to.equal('card-not-registered');
    outbox.stop();
  });
});
