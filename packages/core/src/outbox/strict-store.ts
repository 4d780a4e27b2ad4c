import { promisifyRequest, type UseStore } from 'idb-keyval';
import { OutboxError, toStorageError } from './outbox-error.js';
import { checkOptions, optionKeys } from '../errors/options-error.js';

/** Options for {@link createStrictStore}; `indexedDB` is injectable so tests can simulate failures. */
export type StrictStoreOptions = {
  readonly indexedDB?: IDBFactory;
  /**
   * How long opening the database may take before the call fails with `storage-unavailable`
   * (default 10 s). Some private modes and stuck browser profiles leave `open()` pending forever,
   * and a clerk must not wait forever for "saved"; the next call tries to open again.
   */
  readonly openTimeoutMs?: number;
};

const STRICT_STORE_OPTIONS = optionKeys<StrictStoreOptions>()('indexedDB openTimeoutMs');

/** idb-keyval store, strict durability; a closed connection (Safari) is reopened once; fails as OutboxError. */
export function createStrictStore(
  dbName: string,
  storeName: string,
  options: StrictStoreOptions = {},
): UseStore {
  checkOptions('createStrictStore', options, STRICT_STORE_OPTIONS);
  let connection: Promise<IDBDatabase> | undefined;

  const open = (): Promise<IDBDatabase> => {
    const factory = options.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
    if (!factory) return Promise.reject(new OutboxError('storage-unavailable'));
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(dbName);
    } catch (error) {
      return Promise.reject(new OutboxError('storage-unavailable', { cause: error }));
    }
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    // A failed open, or a connection the browser closed (storage pressure, Safari): the next call reopens.
    const forget = (): void => {
      if (connection === opened) connection = undefined;
    };
    const opened = withOpenTimeout(request, options.openTimeoutMs ?? 10_000).then((db) => {
      db.onclose = forget;
      db.onversionchange = () => {
        db.close();
        forget();
      };
      return db;
    });
    opened.catch(forget);
    return opened;
  };

  const run = async <T>(
    db: IDBDatabase,
    mode: IDBTransactionMode,
    callback: (store: IDBObjectStore) => T | PromiseLike<T>,
  ): Promise<T> => {
    const tx = db.transaction(storeName, mode, { durability: 'strict' });
    // Listeners, not `oncomplete =`: idb-keyval's helpers assign those properties on the same transaction.
    const done = new Promise<void>((resolve, reject) => {
      tx.addEventListener('complete', () => resolve());
      tx.addEventListener('abort', () =>
        reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError')),
      );
      tx.addEventListener('error', (event) => reject((event.target as IDBRequest | null)?.error ?? tx.error));
    });
    done.catch(() => undefined); // awaited below; this only keeps an early callback failure from going unhandled
    const result = await callback(tx.objectStore(storeName));
    await done;
    return result;
  };

  return async <T>(mode: IDBTransactionMode, callback: (store: IDBObjectStore) => T | PromiseLike<T>) => {
    try {
      connection ??= open();
      const db = await connection;
      try {
        return await run(db, mode, callback);
      } catch (error) {
        if (!isClosingConnection(error)) throw error;
        // Dead connection: reopen once and retry. The transaction never started, so nothing ran twice.
        connection = open();
        return await run(await connection, mode, callback);
      }
    } catch (error) {
      throw toStorageError(error);
    }
  };
}

/** The open request's result, or `storage-unavailable` when it neither succeeds nor fails in time. */
function withOpenTimeout(request: IDBOpenDBRequest, timeoutMs: number): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new OutboxError('storage-unavailable', { cause: new Error('IndexedDB open timed out') }));
    }, timeoutMs);
    const opened = promisifyRequest(request).finally(() => clearTimeout(timer));
    // Opened after all, but the caller gave up: close it so it holds no version upgrade back.
    opened.then((db) => (timedOut ? db.close() : resolve(db)), reject);
  });
}

function isClosingConnection(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | null | undefined;
  return e?.name === 'InvalidStateError' && /clos/i.test(String(e.message));
}

/** Asks the browser not to evict the outbox; absent outside secure contexts. */
export async function requestPersistence(): Promise<'persisted' | 'not-persisted' | 'unsupported'> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    return (await storage.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'not-persisted';
  }
}
