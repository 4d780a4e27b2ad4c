import type { RecordStore } from './record-store.js';
import type { SyncLock } from './sync-lock.js';
import { runSync } from './sync-run.js';
import type { SyncRunResult } from './sync-run.js';
import type { AttemptOutcome } from './sync-scheduler.js';
import type { OutboxRecord, OutboxTransport } from './types.js';

export type AttemptHooks = {
  readonly records: RecordStore;
  readonly lock: SyncLock;
  readonly transport: OutboxTransport | undefined;
  readonly batchSize: number;
  readonly sendTimeoutMs?: number;
  readonly stopped: AbortSignal;
  readonly now: () => number;
  readonly refreshCounts: () => Promise<void>;
  /** Records that just left `pending`: synced ones, and refused ones now needing attention. */
  readonly settled: (synced: readonly string[], refused: readonly OutboxRecord[]) => void;
  readonly purge: () => Promise<unknown>;
  readonly announce: (phase: 'started' | 'progress' | 'finished' | 'busy', failure?: string) => void;
  /** IndexedDB failed mid-run (quota, an aborted transaction, the tab closing): announced as an event. */
  readonly storageFailed?: (code: string) => void;
};

/**
 * One sync attempt of this tab: takes the per-origin lock for this run only (or reports `busy`),
 * sends, announces progress after every batch, purges per retention, and maps the run's end to what
 * the scheduler needs (done, busy, or failed with the server's Retry-After).
 */
export async function attemptSync(h: AttemptHooks): Promise<AttemptOutcome> {
  const transport = h.transport;
  if (!transport) return { kind: 'failed', failure: 'no-transport' };
  const quietly = (p: Promise<unknown>): Promise<unknown> => p.catch(() => undefined);
  const result = await h.lock.run(async (lost) => {
    h.announce('started');
    let run: SyncRunResult;
    try {
      run = await runSync({
        records: h.records,
        transport,
        batchSize: h.batchSize,
        ...(h.sendTimeoutMs !== undefined ? { sendTimeoutMs: h.sendTimeoutMs } : {}),
        signal: anySignal(lost, h.stopped),
        now: h.now,
        onBatch: async ({ synced, refused }) => {
          h.settled(synced, refused);
          h.announce('progress');
        },
      });
    } catch {
      // A record store failure (the only thing runSync lets through). The records stay as they were
      // on disk — pending ones are resent under the same key — and the run still ends visibly.
      // Its own code: the storage codes' texts say "the usage was not saved", which is untrue here.
      const code = 'sync-storage-failed';
      h.storageFailed?.(code);
      run = { ok: false, synced: 0, failure: code };
    }
    await quietly(h.purge());
    await quietly(h.refreshCounts());
    h.announce('finished', run.ok ? undefined : run.failure);
    return run;
  });
  if (result.busy) {
    await quietly(h.refreshCounts());
    h.announce('busy');
    return { kind: 'busy' };
  }
  const run = result.value;
  if (run.ok) return { kind: 'done' };
  return run.retryAfterMs === undefined
    ? { kind: 'failed', failure: run.failure }
    : { kind: 'failed', failure: run.failure, retryAfterMs: run.retryAfterMs };
}

/** `AbortSignal.any` where it exists (Safari ≥ 17.4, Chromium ≥ 116), a listener pair elsewhere. */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const both = new AbortController();
  const abort = (): void => both.abort();
  if (a.aborted || b.aborted) abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return both.signal;
}
