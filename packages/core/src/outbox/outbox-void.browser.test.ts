// Undo through the outbox (issue 36.3), in a real engine's IndexedDB: a queued usage is deleted before it is ever
// sent; one in flight is judged by its send's outcome (landed → voided on the server once; refused → nothing to void);
// one whose answer was lost is settled under its own key first. Exactly once, bound to the outbox's API and venue.
import { expect } from '@esm-bundle/chai';
import { createOutbox } from './create-outbox.js';
import type { OutboxError } from './outbox-error.js';
import { apiError, fakeServer, freshDbName, usage, TARGET } from './outbox.test-support.js';
import type { BatchEntry, ItemOutcome } from './types.js';
import type { VoidResult } from '../schemas/api.js';

const tally = {
  showId: 'show-1',
  cap: null,
  ticketsGiven: 0,
  remaining: null,
  usages: 0,
  updatedAt: '2020-02-01T08:00:00Z',
};
const FLIGHT = '0d4af71f-5461-4b39-a507-7c0147b034c5';
const tickets = { adult: 1, children: 0, groupMembers: 0, under16Clients: 0, total: 1 } as const;

/** A server that registers each key once (its usageId the key itself, a UUID) and voids each usage once, counting both. */
function voidingServer(
  behave?: (entries: readonly BatchEntry[], call: number) => ItemOutcome[] | Error | undefined,
) {
  const server = fakeServer(
    (entries, call) =>
      behave?.(entries, call) ??
      entries.map((e): ItemOutcome => ({ kind: 'accepted', usageId: e.idempotencyKey })),
  );
  const voids: string[] = [];
  const client = {
    registerBatch: () => Promise.reject(new Error('the transport sends')),
    voidUsage: async (usageId: string): Promise<VoidResult> => {
      voids.push(usageId);
      return { usageId, state: 'voided', voidedAt: '2020-02-01T08:05:00.000Z', tickets, showTally: tally };
    },
  };
  return { ...server, client, voids };
}

const open = (s: ReturnType<typeof voidingServer>, label: string) =>
  createOutbox({
    target: TARGET,
    transport: s.transport,
    client: s.client,
    databaseName: freshDbName(label),
    autoSync: false,
  });

describe('Outbox.voidUsage', () => {
  it('deletes a queued usage before it is ever sent', async () => {
    const server = voidingServer();
    const outbox = open(server, 'void-queued');
    const record = await outbox.enqueue(usage());
    const done = await outbox.voidUsage(record.id);
    expect(done.kind).to.equal('removed');
    await outbox.syncNow();
    expect(server.requests).to.deep.equal([]);
    expect(server.voids).to.deep.equal([]);
    expect(await outbox.pendingCount()).to.equal(0);
    const again = (await outbox.voidUsage(record.id).catch((e: unknown) => e)) as OutboxError;
    expect(again.code).to.equal('record-not-found');
    outbox.stop();
  });

  it('voids a synced usage on the server by its usageId, once per void, and remembers when', async () => {
    const server = voidingServer();
    const outbox = open(server, 'void-synced');
    const record = await outbox.enqueue(usage());
    await outbox.syncNow();
    const done = await outbox.voidUsage(record.id);
    expect(done.kind).to.equal('voided');
    expect(done.record.voidedAt).to.equal(Date.parse('2020-02-01T08:05:00.000Z'));
    expect(server.voids).to.deep.equal([record.id]);
    outbox.stop();
  });

  for (const landed of [true, false]) {
    it(`waits for a send in flight, then ${landed ? 'voids what it registered' : 'has nothing to void (refused)'}`, async () => {
      let release: (o: ItemOutcome[]) => void = () => undefined;
      const held = new Promise<ItemOutcome[]>((resolve) => (release = resolve));
      let onWire: () => void = () => undefined;
      const sent = new Promise<void>((resolve) => (onWire = resolve));
      const server = voidingServer();
      const transport = {
        sendBatch: (_entries: readonly BatchEntry[], signal: AbortSignal) => {
          onWire();
          return held.then((o) => (void signal, o));
        },
      };
      const outbox = createOutbox({
        target: TARGET,
        transport,
        client: server.client,
        databaseName: freshDbName('void-flight'),
        autoSync: false,
      });
      const record = await outbox.enqueue(usage());
      const sync = outbox.syncNow();
      await sent; // the run holds the lock and the batch is on the wire (waited for, not timed)
      const undo = outbox.voidUsage(record.id);
      await new Promise((r) => setTimeout(r, 150));
      expect(server.voids).to.deep.equal([]); // not before the send has settled
      release([
        landed
          ? { kind: 'accepted', usageId: FLIGHT }
          : { kind: 'refused', code: 'card-inactive', status: 422 },
      ]);
      await sync;
      const done = await undo;
      expect(done.kind).to.equal(landed ? 'voided' : 'nothing-to-void');
      expect(server.voids).to.deep.equal(landed ? [FLIGHT] : []);
      if (!landed)
        expect([done.record.state, done.record.resolution]).to.deep.equal(['resolved', 'dismissed']);
      expect(await outbox.pendingCount()).to.equal(0);
      outbox.stop();
    });
  }

  it('chaos: the answer was lost after the server registered it: settles under the same key, then voids it once', async () => {
    // Call 1 registers and loses the answer; call 2 (the void's resend) gets the first result again.
    const server = voidingServer((entries, call) => {
      if (call === 1) {
        server.registered.set(entries[0]!.idempotencyKey, 1);
        return apiError('network', true);
      }
      return undefined;
    });
    const outbox = open(server, 'void-lost');
    const record = await outbox.enqueue(usage());
    await outbox.syncNow();
    expect((await outbox.pending())[0]?.attempts).to.equal(1);
    const done = await outbox.voidUsage(record.id);
    expect(done.kind).to.equal('voided');
    expect(server.requests.map((batch) => batch.map((e) => e.idempotencyKey))).to.deep.equal([
      [record.id],
      [record.id],
    ]);
    expect([...server.registered.values()]).to.deep.equal([1]);
    expect(server.voids).to.deep.equal([record.id]);
    outbox.stop();
  });

  it('queues the void, visibly, when the settling send fails again (it may have landed)', async () => {
    const server = voidingServer(() => apiError('network', true));
    const outbox = open(server, 'void-unverified');
    const record = await outbox.enqueue(usage());
    await outbox.syncNow();
    const done = await outbox.voidUsage(record.id);
    expect(done.kind).to.equal('void-queued');
    expect((await outbox.pending()).map((r) => [r.id, r.voidRequestedAt])).to.deep.equal([
      [record.id, done.record.voidRequestedAt],
    ]);
    expect(server.voids).to.deep.equal([]);
    outbox.stop();
  });
});
