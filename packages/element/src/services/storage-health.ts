import type { StorageHealth } from './types.js';

/** The start-up check's answer: whether usages can be kept here, and how many may have been lost since last time. */
export type StorageCheck = { readonly health: StorageHealth; readonly lost: number };

const MARKER_DB = 'kaiku-storage-marker';
const PENDING = 'kaiku-pending:';
const LOST = 'kaiku-lost:';

/** localStorage, or undefined where the page may not use it (site data blocked throws on access). */
function local(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

/**
 * Writes the start marker of outbox `name` in its own small database (strict durability) and reads the one left by
 * the last start: `unavailable` when IndexedDB cannot be opened, `unwritable` when it cannot be written.
 * Returns whether a marker was there before.
 */
async function writeMarker(name: string, factory: IDBFactory): Promise<boolean | StorageHealth> {
  let db: IDBDatabase;
  try {
    const open = factory.open(MARKER_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('m');
    db = await Promise.race([
      request(open),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('open timed out')), 5_000)),
    ]);
  } catch {
    return 'unavailable';
  }
  try {
    const tx = db.transaction('m', 'readwrite', { durability: 'strict' });
    const before = await request(tx.objectStore('m').get(name));
    tx.objectStore('m').put(Date.now(), name);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('write failed'));
    });
    return before !== undefined;
  } catch {
    return 'unwritable';
  } finally {
    db.close();
  }
}

/**
 * Checks at start whether outbox `name` can keep usages on this device: no IndexedDB (`unavailable`), a store that
 * cannot be written (`unwritable`), storage the browser may clear (`not-persisted`), or `ok`. Eviction: the marker
 * written at every start is gone while the count this terminal last saw waiting (kept in localStorage, which
 * Chromium does not evict with IndexedDB) was above zero — those usages may have been lost; the number is kept
 * until staff acknowledge it (`acknowledgeLoss`). A whole wipe of the site's data looks like a first start.
 *
 * @example
 * const { health, lost } = await checkStorage('kaiku-outbox https://api.example/ venue-1');
 */
export async function checkStorage(
  name: string,
  factory: IDBFactory | undefined = globalThis.indexedDB ?? undefined,
): Promise<StorageCheck> {
  const ls = local();
  const marker = factory ? await writeMarker(name, factory) : 'unavailable';
  const remembered = Number(ls?.getItem(PENDING + name) ?? 0) || 0;
  let lost = Number(ls?.getItem(LOST + name) ?? 0) || 0;
  if (marker === false && remembered > 0) {
    lost += remembered;
    ls?.setItem(LOST + name, String(lost));
  }
  if (typeof marker === 'string') return { health: marker, lost };
  const persisted = await globalThis.navigator?.storage?.persisted?.().catch(() => false);
  return { health: persisted === false ? 'not-persisted' : 'ok', lost };
}

/** Remembers how many usages wait in outbox `name`, to tell how many may be lost if the browser clears them. */
export function rememberPending(name: string, pending: number): void {
  try {
    local()?.setItem(PENDING + name, String(pending));
  } catch {
    // Storage full or blocked: the eviction check then has nothing to compare with.
  }
}

/** Staff have seen that usages may have been lost: the notice goes. */
export function acknowledgeLoss(name: string): void {
  local()?.removeItem(LOST + name);
}
