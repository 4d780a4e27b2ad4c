import type { OutboxState, StorageHealth } from './types.js';

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

/** IndexedDB did not answer in time: a slow device (a loaded tablet, WebKit at work), not a refusal. */
const SLOW = new Error('IndexedDB is slow to answer');

const settled = (r: IDBRequest | IDBTransaction, done: 'onsuccess' | 'oncomplete'): Promise<void> =>
  new Promise((resolve, reject) => {
    const on = r as unknown as Record<string, () => void>;
    on[done] = () => resolve();
    on.onerror = on.onabort = () => reject(r.error ?? new Error('IndexedDB failed'));
    setTimeout(() => reject(SLOW), 5_000);
  });

/**
 * Writes outbox `name`'s marker (strict durability): whether the last check's was there, or the failure; `unknown`
 * when IndexedDB has not answered within 5 s — said as not known yet, never as storage refused, and checked again at
 * the next read (a busy device's IndexedDB can take that long; a refusal or an error answers at once).
 */
async function writeMarker(name: string): Promise<boolean | StorageHealth> {
  const open = globalThis.indexedDB.open('kaiku-storage-marker', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('m');
  const opened = await settled(open, 'onsuccess').then(
    () => 'open' as const,
    (error: unknown) => (error === SLOW ? ('unknown' as const) : ('unavailable' as const)),
  );
  if (opened === 'unknown') {
    // Opened later after all: closed, so that it blocks no upgrade.
    open.onsuccess = () => open.result.close();
    return opened;
  }
  if (opened === 'unavailable') return opened;
  const db = open.result;
  try {
    const tx = db.transaction('m', 'readwrite', { durability: 'strict' });
    const before = tx.objectStore('m').count(name);
    tx.objectStore('m').put(Date.now(), name);
    await settled(tx, 'oncomplete');
    return before.result > 0;
  } catch (error) {
    return error === SLOW ? 'unknown' : 'unwritable';
  } finally {
    db.close();
  }
}

/** The health of store `name`'s storage, and the usages lost so far (counted since the last check's marker). */
async function checkStorage(name: string): Promise<{ health: StorageHealth; lost: number }> {
  const ls = local();
  // No IndexedDB at all (a missing global throws in writeMarker) is `unavailable` too.
  const marker = await writeMarker(name).catch(() => 'unavailable' as const);
  let lost = Number(ls?.getItem(LOST + name)) || 0;
  if (marker === false) lost += Number(ls?.getItem(PENDING + name)) || 0;
  if (marker === false && lost > 0) ls?.setItem(LOST + name, String(lost));
  if (typeof marker === 'string') return { health: marker, lost };
  // Unsupported (not a secure context) is not persisted either: the browser may clear it.
  const persisted = await globalThis.navigator?.storage?.persisted?.().catch(() => false);
  return { health: persisted === true ? 'ok' : 'not-persisted', lost };
}

/**
 * No usage can be kept with this health: the flow's `storageDown` says it of a state, in the first download, which
 * must not import this module (it would split the flow's shared chunk: +167 B); sync.test.ts ties the two.
 */
export const cannotKeep = (health: StorageHealth): boolean =>
  health === 'unavailable' || health === 'unwritable';

/**
 * Whether this device can keep the usages of store `name` (an outbox, a register), and how many it lost: the one
 * owner of these facts, which the services ask. Checked before every read (`check`), so a clearing mid-shift is found
 * before the next count overwrites the last; the count the read made is remembered after it (`facts`). Its marker
 * gone with a count > 0 last seen (in localStorage, which Chromium does not evict with IndexedDB) means those were
 * lost; the total stays until staff acknowledge it.
 */
export class DeviceStorage {
  /** The last check (the first one when first asked). */
  #checked: ReturnType<typeof checkStorage> | undefined;

  constructor(private readonly name: string) {}

  /** Checks the storage again: before every read. */
  check(): ReturnType<typeof checkStorage> {
    return (this.#checked = checkStorage(this.name));
  }

  /** No usage can be kept on this device (no IndexedDB, or it cannot be written), as last checked. */
  async down(): Promise<boolean> {
    return cannotKeep((await (this.#checked ??= this.check())).health);
  }

  /**
   * What the read after `check` says of the storage (`OutboxState`'s `storage`, `lost`): it counted `open` usages
   * waiting (`undefined`: none read, the storage is down). The marker gone again since that check means a clearing
   * took the usages just counted (or, if it came first, those remembered before): the larger is lost, and nothing
   * counted here is remembered.
   */
  async facts(open: number | undefined): Promise<Pick<OutboxState, 'storage' | 'lost'>> {
    const { health, lost: before } = await (this.#checked ??= this.check());
    const lost = open === undefined ? before : await this.#remember(open);
    return { storage: health, ...(lost > 0 ? { lost } : {}) };
  }

  async #remember(open: number): Promise<number> {
    const ls = local();
    const marker = await writeMarker(this.name).catch(() => 'unavailable' as const);
    const before = Number(ls?.getItem(PENDING + this.name)) || 0;
    const lost =
      (Number(ls?.getItem(LOST + this.name)) || 0) + (marker === false ? Math.max(open, before) : 0);
    try {
      if (lost > 0) ls?.setItem(LOST + this.name, String(lost));
      ls?.setItem(PENDING + this.name, String(marker === false ? 0 : open));
    } catch {
      // Storage full or blocked: the eviction check then has nothing to compare with.
    }
    return lost;
  }

  /** Staff have seen that usages were lost: the notice goes (until another clearing). */
  acknowledgeLoss(): void {
    local()?.removeItem(LOST + this.name);
  }

  /** Asks the browser to keep this origin's storage (never awaited at start: Firefox waits for the user's answer). */
  async askToKeep(): Promise<void> {
    await globalThis.navigator?.storage?.persist?.().catch(() => false);
  }
}
