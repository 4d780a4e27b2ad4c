import { expect } from '@esm-bundle/chai';
import { get, set, values } from 'idb-keyval';
import { createStrictStore } from './strict-store.js';
import { OutboxError } from './outbox-error.js';
import { rejectionWithFullDisk } from './outbox.test-support.js';

let n = 0;
const freshName = (): string => `strict-store-test-${Date.now()}-${n++}`;

describe('createStrictStore', () => {
  it('opens every transaction with durability strict and round-trips values', async () => {
    const seen: (IDBTransactionOptions | undefined)[] = [];
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof original>) {
      seen.push(args[2]);
      return original.apply(this, args);
    } as typeof original;
    try {
      const store = createStrictStore(freshName(), 'outbox');
      await set('k', { cardId: 'A045198723', childTickets: 2 }, store);
      expect(await get('k', store)).to.deep.equal({ cardId: 'A045198723', childTickets: 2 });
      expect(seen.length).to.be.greaterThan(1);
      expect(seen.every((o) => o?.durability === 'strict')).to.equal(true);
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
  });

  it('reopens a connection the browser closed and retries the call once', async () => {
    const name = freshName();
    const store = createStrictStore(name, 'outbox');
    await set('a', 1, store);
    // Simulate Safari's dead connection: the next transaction() throws InvalidStateError once.
    const original = IDBDatabase.prototype.transaction;
    let thrown = 0;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof original>) {
      if (thrown === 0) {
        thrown++;
        throw new DOMException('The database connection is closing.', 'InvalidStateError');
      }
      return original.apply(this, args);
    } as typeof original;
    try {
      await set('b', 2, store);
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
    expect(thrown).to.equal(1);
    expect((await values(store)).sort()).to.deep.equal([1, 2]);
  });

  it('fails with storage-failed when the connection stays dead (retries only once)', async () => {
    const store = createStrictStore(freshName(), 'outbox');
    await set('a', 1, store);
    const original = IDBDatabase.prototype.transaction;
    let calls = 0;
    IDBDatabase.prototype.transaction = function () {
      calls++;
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    } as typeof original;
    let error: unknown;
    try {
      await set('b', 2, store);
    } catch (e) {
      error = e;
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
    expect(calls).to.equal(2);
    expect(error).to.be.instanceOf(OutboxError);
    expect((error as OutboxError).code).to.equal('storage-unavailable');
  });

  it('reports storage-unavailable when IndexedDB is missing or refuses to open', async () => {
    const missing = createStrictStore(freshName(), 'outbox', { indexedDB: undefined });
    const noFactory = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    for (const store of [createStrictStore(freshName(), 'outbox', { indexedDB: noFactory })]) {
      const error = await set('a', 1, store).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as OutboxError).code).to.equal('storage-unavailable');
    }
    // `indexedDB: undefined` means "use the global", which exists here.
    await set('a', 1, missing);
  });

  it('reports storage-quota when a write exceeds the quota', async () => {
    const store = createStrictStore(freshName(), 'outbox');
    await set('warm', 0, store);
    const error = await rejectionWithFullDisk(() => set('big', 'x', store));
    expect(error).to.be.instanceOf(OutboxError);
    expect((error as OutboxError).code).to.equal('storage-quota');
    expect(await get('big', store)).to.equal(undefined);
  });
});
