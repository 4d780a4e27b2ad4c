/**
 * The network came back without an `online` event (a server outage, a cable, a Wi-Fi that never dropped): the next
 * answer the server gives (a card look-up, a show's tally) sends the usages that were waiting out a backoff at once,
 * instead of minutes later on the timer. A server that asked to wait (Retry-After) is still obeyed.
 */
import { expect } from '@esm-bundle/chai';
import { createOutbox } from './create-outbox.js';
import type { OutboxClient } from './outbox-options.js';
import type { OutboxTransport } from './types.js';
import { apiError, fakeServer, freshDbName, TARGET, usage } from './outbox.test-support.js';
import { until } from '../../../../test/support/until.js';

const card = { id: 'A045198723', status: 'active', validUntil: '2099-12-31', minors: 0 };
const tally = { showId: 'show-1', cap: 10, ticketsGiven: 3, usages: 3 };
const client = {
  lookupCard: () => Promise.resolve(card),
  getShowTally: () => Promise.resolve(tally),
} as unknown as OutboxClient;

/** An outbox whose first send fails with `failure`, then works; its backoff waits a minute. */
async function afterFailedSend(label: string, failure: Error) {
  const server = fakeServer((_entries, call) => (call === 1 ? failure : undefined));
  const outbox = createOutbox({
    client,
    target: TARGET,
    transport: server.transport,
    databaseName: freshDbName(label),
    backoff: { baseMs: 60_000, maxMs: 60_000 },
  });
  // The failed run has ended and its retry is set (an event, not a pause: under load 50 ms was not always enough).
  const deferred = new Promise<void>((resolve) =>
    outbox.addEventListener('outbox-sync', (e) => e.detail.phase === 'deferred' && resolve()),
  );
  await outbox.enqueue(usage());
  await deferred;
  expect(server.requests).to.have.length(1);
  expect(await outbox.pendingCount()).to.equal(1);
  return { outbox, server };
}

describe('the server answering again sends what waits', function () {
  this.timeout(20_000);

  it('a card look-up that reaches the server sends the waiting usage at once', async () => {
    const { outbox, server } = await afterFailedSend('reach-lookup', apiError('network', true));
    const check = await outbox.checkCard(card.id);
    expect(check).to.include({ source: 'server' });
    await until(async () => (await outbox.pendingCount()) === 0);
    expect(server.requests).to.have.length(2);
    outbox.stop();
  });

  it("a show's tally from the server does the same", async () => {
    const { outbox, server } = await afterFailedSend('reach-tally', apiError('timeout', true));
    await outbox.showTally('show-1', { refresh: true });
    await until(async () => (await outbox.pendingCount()) === 0);
    expect(server.requests).to.have.length(2);
    outbox.stop();
  });

  it('a look-up answered while the failing send is still under way sends the usage right after it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let requests = 0;
    const transport: OutboxTransport = {
      async sendBatch(entries) {
        requests++;
        if (requests === 1) {
          await gate;
          throw apiError('network', true);
        }
        return entries.map(() => ({ kind: 'accepted' as const }));
      },
    };
    const outbox = createOutbox({
      client,
      target: TARGET,
      transport,
      databaseName: freshDbName('reach-during-run'),
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    await outbox.enqueue(usage());
    await until(async () => requests === 1);
    expect(await outbox.checkCard(card.id)).to.include({ source: 'server' });
    release();
    await until(async () => (await outbox.pendingCount()) === 0);
    expect(requests).to.equal(2);
    outbox.stop();
  });

  it('a server that asked to wait (503 with Retry-After) is not hurried by a look-up', async () => {
    const { outbox, server } = await afterFailedSend(
      'reach-retry-after',
      apiError('http-503', true, { status: 503, retryAfterMs: 60_000 }),
    );
    await outbox.checkCard(card.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests).to.have.length(1);
    expect(await outbox.pendingCount()).to.equal(1);
    outbox.stop();
  });
});
