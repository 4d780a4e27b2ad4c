import { promisifyRequest, type UseStore } from 'idb-keyval';

/** Runs one sync at a time per origin and outbox. `run` resolves to `busy` when another tab holds it. */
export type SyncLock = {
  readonly kind: 'web-locks' | 'indexeddb-lease';
  run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<LockResult<T>>;
};

export type LockResult<T> = { readonly busy: true } | { readonly busy: false; readonly value: T };

type Lease = { readonly owner: string; readonly expiresAt: number };
const LEASE_KEY = 'lease';

/** Web Locks per run (a session-long lock sticks in frozen tabs); else an IndexedDB lease with heartbeat. */
export function createSyncLock(
  name: string,
  store: UseStore,
  options: {
    readonly owner: string;
    readonly forceLease?: boolean;
    readonly leaseMs?: number;
    readonly now?: () => number;
  },
): SyncLock {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks && !options.forceLease) {
    return {
      kind: 'web-locks',
      run: async <T>(task: (signal: AbortSignal) => Promise<T>): Promise<LockResult<T>> => {
        // The lock is released when the callback's promise settles, i.e. at the end of this run.
        const result: unknown = await locks.request(name, { ifAvailable: true }, async (lock) =>
          lock ? { busy: false, value: await task(new AbortController().signal) } : { busy: true },
        );
        return result as LockResult<T>;
      },
    };
  }
  return leaseLock(store, options.owner, options.leaseMs ?? 15_000, options.now ?? Date.now);
}

function leaseLock(store: UseStore, owner: string, leaseMs: number, now: () => number): SyncLock {
  /** One read-modify-write transaction: IndexedDB serializes read-write transactions on a store. */
  const claim = (renewOnly: boolean): Promise<boolean> =>
    store('readwrite', async (s) => {
      const lease = (await promisifyRequest(s.get(LEASE_KEY))) as Lease | undefined;
      const mine = lease?.owner === owner;
      const free = !lease || lease.expiresAt <= now();
      if (renewOnly ? !mine : !(mine || free)) return false;
      s.put({ owner, expiresAt: now() + leaseMs } satisfies Lease, LEASE_KEY);
      return true;
    });

  const release = (): Promise<void> =>
    store('readwrite', async (s) => {
      const lease = (await promisifyRequest(s.get(LEASE_KEY))) as Lease | undefined;
      if (lease?.owner === owner) s.delete(LEASE_KEY);
    });

  return {
    kind: 'indexeddb-lease',
    async run(task) {
      if (!(await claim(false))) return { busy: true };
      const lost = new AbortController();
      // Frozen past the expiry and taken over: stop sending (idempotency keys make any overlap harmless).
      const heartbeat = setInterval(() => {
        claim(true)
          .then((held) => held || lost.abort())
          .catch(() => lost.abort());
      }, leaseMs / 3);
      // A tab closed or reloaded mid-run lets go at once instead of making the others wait for the expiry.
      const onHide = (): void => void release().catch(() => undefined);
      if (typeof addEventListener === 'function') addEventListener('pagehide', onHide);
      try {
        return { busy: false, value: await task(lost.signal) };
      } finally {
        if (typeof removeEventListener === 'function') removeEventListener('pagehide', onHide);
        clearInterval(heartbeat);
        await release().catch(() => undefined);
      }
    },
  };
}
