import type { StorageHealth } from './types.js';

const PENDING = 'kaiku-pending:';
const LOST = 'kaiku-lost:';

/** localStorage, or undefined where the page may not use it (blocked site data throws on access). */
function local(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

const settled = (r: IDBRequest | IDBTransaction, done: 'onsuccess' | 'oncomplete'): Promise<void> =>
  new Promise((resolve, reject) => {
    const on = r as unknown as Record<string, () => void>;
    on[done] = () => resolve();
    on.onerror = on.onabort = () => reject(r.error ?? new Error('IndexedDB failed'));
    setTimeout(() => reject(new Error('IndexedDB timed out')), 5_000);
  });

/** Writes outbox `name`'s start marker (strict durability): whether the last start's was there, or the failure. */
async function writeMarker(name: string): Promise<boolean | StorageHealth> {
  const open = globalThis.indexedDB.open('kaiku-storage-marker', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('m');
  const opened = await settled(open, 'onsuccess').catch(() => 'failed' as const);
  if (opened === 'failed') return 'unavailable';
  const db = open.result;
  try {
    const tx = db.transaction('m', 'readwrite', { durability: 'strict' });
    const before = tx.objectStore('m').count(name);
    tx.objectStore('m').put(Date.now(), name);
    await settled(tx, 'oncomplete');
    return before.result > 0;
  } catch {
    return 'unwritable';
  } finally {
    db.close();
  }
}

/** Whether outbox `name` can keep usages: its marker gone with a count > 0 last seen (in localStorage, which
 * Chromium does not evict with IndexedDB) means they may be `lost`. */
export async function checkStorage(
  name: string,
): Promise<{ readonly health: StorageHealth; readonly lost: number }> {
  const ls = local();
  // No IndexedDB at all (a missing global throws in writeMarker) is `unavailable` too.
  const marker = await writeMarker(name).catch(() => 'unavailable' as const);
  let lost = Number(ls?.getItem(LOST + name)) || 0;
  if (marker === false) lost += Number(ls?.getItem(PENDING + name)) || 0;
  if (lost > 0) ls?.setItem(LOST + name, String(lost));
  if (typeof marker === 'string') return { health: marker, lost };
  const persisted = await globalThis.navigator?.storage?.persisted?.().catch(() => false);
  return { health: persisted === false ? 'not-persisted' : 'ok', lost };
}

/** Remembers how many usages wait in outbox `name` (to say how many a clearing lost); nothing when it cannot. */
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
