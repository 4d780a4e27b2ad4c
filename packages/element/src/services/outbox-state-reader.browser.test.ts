/**
 * The status row counts every open usage once, even when a sync lands while the state is read: real outbox in
 * IndexedDB, a sync that refuses the queued usage (pending → needs attention) run between two outbox reads.
 */
import { expect } from '@esm-bundle/chai';
import { createOutbox, type Outbox } from '@kaiku-scanner/core/outbox';
import { KaikukantaConnection } from './connection.js';
import { OutboxStateReader } from './outbox-state-reader.js';
import { USAGE } from '../../../../test/support/usage-fixture.js';

/** The outbox, but every call after the first waits for that one to finish and then for a sync to land. */
function landingSyncBetweenCalls(outbox: Outbox): Outbox {
  let first: Promise<unknown> | undefined;
  return new Proxy(outbox, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || key === 'syncNow') return value;
      return (...args: unknown[]): unknown => {
        const call = (): unknown => Reflect.apply(value, target, args);
        if (!first) return (first = Promise.resolve(call()));
        return first.then(() => target.syncNow()).then(call);
      };
    },
  });
}

describe('OutboxStateReader', () => {
  it('counts a usage refused while the state is read once, not as pending and needing attention', async () => {
    const refuse = {
      sendBatch: (entries: readonly unknown[]) =>
        Promise.resolve(
          entries.map(() => ({ kind: 'refused' as const, code: 'card-inactive', status: 422 })),
        ),
    };
    const outbox = createOutbox({
      transport: refuse,
      target: { baseUrl: 'http://127.0.0.1:9/', venueId: USAGE.venueId },
      databaseName: `state-reader-${Date.now()}`,
      autoSync: false,
    });
    await outbox.enqueue(USAGE);
    const connection = new KaikukantaConnection(
      () => {},
      () => {},
    );
    const reader = new OutboxStateReader(landingSyncBetweenCalls(outbox), connection, undefined);

    const during = await reader.read();
    // One open usage: pending before the sync, needing attention after it; never both (2) or neither (0).
    expect(during.pending + during.needsAttention.length).to.equal(1);
    await outbox.syncNow();
    const after = await new OutboxStateReader(outbox, connection, undefined).read();
    expect([after.pending, after.needsAttention.length]).to.deep.equal([0, 1]);
    outbox.stop();
  });
});
