/**
 * `resolve(id, 'retry')` after an ambiguous `idempotency-key-reused` (issue 11.5): real Chromium, the real
 * API client and the real sandbox. The server already holds this usage under the record's key (with another
 * body): a retry must learn that and send nothing, not register it again under a new key.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { startSandbox } from '../../../../test/support/browser-sandbox.js';
import { createApiClient } from '../api/create-api-client.js';
import { createOutbox } from './create-outbox.js';
import { OutboxError } from './outbox-error.js';
import { TARGET, fakeServer, freshDbName, usage } from './outbox.test-support.js';
import type { ItemOutcome } from './types.js';

describe('retry after idempotency-key-reused (real sandbox)', function () {
  this.timeout(60_000);
  let url = '';
  const cardId = 'A045198723';

  before(async () => {
    ({ url } = await startSandbox());
    const res = await fetch(`${url}__sandbox/cards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer browser-token' },
      body: JSON.stringify({
        id: cardId,
        prefix: 'A',
        kind: 'client',
        status: 'active',
        validUntil: '2099-12-31',
        minors: 2,
      }),
    });
    expect(res.ok, await res.clone().text()).to.equal(true);
  });
  after(async () => {
    await executeServerCommand('kaiku-sandbox-stop', { url });
  });

  const count = async (showId: string): Promise<number> =>
    (
      (await (
        await fetch(`${url}__sandbox/usages/count?cardId=${cardId}&showId=${encodeURIComponent(showId)}`, {
          headers: { authorization: 'Bearer browser-token' },
        })
      ).json()) as { count: number }
    ).count;

  it('finds the usage the server holds and marks the record synced, sending nothing twice', async () => {
    const api = createApiClient({ baseUrl: url, getToken: () => 'browser-token', retry: 0 });
    const outbox = createOutbox({ client: api, databaseName: freshDbName('retry-reused'), autoSync: false });
    const u = {
      ...usage(cardId, 0),
      show: { ...usage().show, id: 'retry-show', start: '2099-02-03T18:00:00+02:00' },
    };
    const record = await outbox.enqueue(u);
    // The server got this key earlier with another body (say, before an upgrade rewrote the record).
    await api.registerUsage({ ...u, childTickets: 1 }, { idempotencyKey: record.id });
    expect(await count('retry-show')).to.equal(1);
    expect(await outbox.syncNow()).to.include({ needsAttention: 1 });
    const [refused] = await outbox.needsAttention();
    expect(refused?.problem?.code).to.equal('idempotency-key-reused');

    const retried = await outbox.resolve(record.id, 'retry');
    expect(retried).to.include({ id: record.id, state: 'synced' });
    await outbox.syncNow();
    expect(await count('retry-show')).to.equal(1); // not registered a second time
    outbox.stop();
  });

  it('matches by the idempotency key, never the clientTime: a drifted one is not registered twice (issue 31.6)', async () => {
    const api = createApiClient({ baseUrl: url, getToken: () => 'browser-token', retry: 0 });
    const outbox = createOutbox({ client: api, databaseName: freshDbName('retry-drift'), autoSync: false });
    const u = {
      ...usage(cardId, 0),
      show: { ...usage().show, id: 'retry-show-drift', start: '2099-02-04T18:00:00+02:00' },
    };
    const record = await outbox.enqueue(u);
    // The first attempt reached the server with the terminal's clock a second off (a clock correction since).
    const drifted = new Date(Date.parse(u.clientTime) - 1_000).toISOString();
    await api.registerUsage({ ...u, clientTime: drifted }, { idempotencyKey: record.id });
    expect(await outbox.syncNow()).to.include({ needsAttention: 1 });

    const retried = await outbox.resolve(record.id, 'retry');
    expect(retried).to.include({ id: record.id, state: 'synced' });
    await outbox.syncNow();
    expect(await count('retry-show-drift')).to.equal(1); // before: 2, the usage registered a second time
    outbox.stop();
  });

  it('a key the server refused earlier is not a registration: the usage is queued under a new key', async () => {
    const api = createApiClient({ baseUrl: url, getToken: () => 'browser-token', retry: 0 });
    const outbox = createOutbox({ client: api, databaseName: freshDbName('retry-refused'), autoSync: false });
    const u = {
      ...usage(cardId, 0),
      show: { ...usage().show, id: 'retry-show-refused', start: '2099-02-05T18:00:00+02:00' },
    };
    const record = await outbox.enqueue(u);
    // The same card, show and clientTime, registered under another key: not this record's usage.
    await api.registerUsage(u, { idempotencyKey: `${record.id}-other` });
    // This record's key went out earlier with a body the server refused (too many children).
    await api.registerUsage({ ...u, childTickets: 9 }, { idempotencyKey: record.id }).catch(() => undefined);
    expect(await outbox.syncNow()).to.include({ needsAttention: 1 });
    const retried = await outbox.resolve(record.id, 'retry');
    expect(retried.state).to.equal('pending'); // before: 'synced' on the other key's usage, and never sent
    expect(retried.id).not.to.equal(record.id);
    outbox.stop();
  });

  it('keeps the record and says so when the server cannot be asked', async () => {
    const api = createApiClient({ baseUrl: url, getToken: () => 'browser-token', retry: 0 });
    const databaseName = freshDbName('retry-unverified');
    const outbox = createOutbox({ client: api, databaseName, autoSync: false });
    const u = {
      ...usage(cardId, 0),
      show: { ...usage().show, id: 'retry-show-2', start: '2099-02-03T18:00:00+02:00' },
    };
    const record = await outbox.enqueue(u);
    await api.registerUsage({ ...u, childTickets: 1 }, { idempotencyKey: record.id });
    await outbox.syncNow();
    outbox.stop();
    const { listUsages: _unused, ...noList } = api;
    const blind = createOutbox({ client: noList, target: { baseUrl: url }, databaseName, autoSync: false });
    const error = await blind.resolve(record.id, 'retry').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OutboxError);
    expect((error as OutboxError).code).to.equal('retry-unverified');
    expect((await blind.needsAttention()).map((r) => r.id)).to.deep.equal([record.id]);
    expect(await count('retry-show-2')).to.equal(1);
    blind.stop();
  });
});

/** Issue 31.4: staff (or a script) pressing "retry" in a loop against a failing server, then stopping. */
describe('manual retries are paced, and stop() is final (real IndexedDB)', () => {
  /** Calls `resolve(id, 'retry')` on the needs-attention record for `ms`, as fast as it answers. */
  async function hammer(outbox: ReturnType<typeof createOutbox>, ms: number): Promise<string[]> {
    const codes: string[] = [];
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const [open] = await outbox.needsAttention();
      if (!open) {
        await outbox.syncNow();
        continue;
      }
      codes.push(
        await outbox.resolve(open.id, 'retry').then(
          (r) => r.state,
          (e: unknown) => (e as OutboxError).code,
        ),
      );
    }
    return codes;
  }

  it('a retry check against a failing server: one request per backoff step, none after stop()', async () => {
    let lists = 0;
    const refusing = fakeServer((entries) =>
      entries.map((): ItemOutcome => ({ kind: 'refused', code: 'idempotency-key-reused', status: 422 })),
    );
    const client = {
      registerBatch: () => Promise.reject(new Error('unused')),
      listUsages: () => {
        lists++;
        return Promise.reject(Object.assign(new Error('503'), { code: 'http-503', retryable: true }));
      },
    };
    const outbox = createOutbox({
      client,
      transport: refusing.transport,
      target: TARGET,
      databaseName: freshDbName('paced-verify'),
      autoSync: false,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      random: () => 1, // the next manual retry is due 1 s after the last
    });
    await outbox.enqueue(usage());
    await outbox.syncNow();
    const codes = await hammer(outbox, 600);
    expect(lists).to.equal(1); // before: one request per call, hundreds a second
    expect(codes[0]).to.equal('retry-unverified');
    expect(codes.slice(1).every((c) => c === 'retry-too-soon')).to.equal(true);
    outbox.stop();
    const after = await outbox
      .resolve((await outbox.needsAttention())[0]!.id, 'retry')
      .catch((e: unknown) => e);
    expect((after as OutboxError).code).to.equal('outbox-stopped');
    expect(lists).to.equal(1);
  });

  it('a usage the server keeps refusing is resent once per backoff step, however often retry is pressed', async () => {
    const refusing = fakeServer((entries) =>
      entries.map((): ItemOutcome => ({ kind: 'refused', code: 'cap-reached', status: 422 })),
    );
    const outbox = createOutbox({
      transport: refusing.transport,
      target: TARGET,
      databaseName: freshDbName('paced-requeue'),
      autoSync: false,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      random: () => 1, // the next manual retry is due 1 s after the last
    });
    await outbox.enqueue(usage());
    await outbox.syncNow();
    const codes = await hammer(outbox, 600);
    expect(refusing.requests.length).to.equal(2); // the first send and one retry; before: hundreds
    expect(codes.filter((c) => c === 'pending')).to.have.length(1);
    outbox.stop();
  });
});
