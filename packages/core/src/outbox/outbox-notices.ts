import { toStorageError } from './outbox-error.js';
import type { OutboxEventDetails, OutboxEventTarget } from './outbox-events.js';
import type { RecordStore } from './record-store.js';
import type { OutboxCounts, OutboxRecord, Resolution } from './types.js';

type SyncPhase = OutboxEventDetails['outbox-sync']['phase'];

/** Notices between tabs of one origin. Progress only: BroadcastChannel never reaches the sender or cached pages. */
type BroadcastMessage =
  | { readonly type: 'change' }
  | {
      readonly type: 'sync';
      readonly phase: 'started' | 'progress' | 'finished';
      readonly counts: OutboxCounts;
      readonly failure?: string;
    }
  | { readonly type: 'needs-attention'; readonly id: string }
  | { readonly type: 'resolved'; readonly id: string; readonly how: Resolution };

const TYPES = new Set(['change', 'sync', 'needs-attention', 'resolved']);

/** Counts and notices to this tab (events) and other tabs (BroadcastChannel); IndexedDB stays the truth. */
export class OutboxNotices {
  #counts: OutboxCounts = { pending: 0, needsAttention: 0 };
  readonly #channel: BroadcastChannel | undefined;

  constructor(
    name: string,
    private readonly target: OutboxEventTarget,
    private readonly records: RecordStore,
  ) {
    if (typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(`kaiku-outbox:${name}`);
    this.#channel.addEventListener('message', (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown } | null;
      if (typeof data === 'object' && data !== null && TYPES.has(String(data.type)))
        void this.#onRemote(data as BroadcastMessage).catch(() => undefined);
    });
  }

  get available(): boolean {
    return this.#channel !== undefined;
  }

  get counts(): OutboxCounts {
    return this.#counts;
  }

  set(next: OutboxCounts): void {
    if (next.pending === this.#counts.pending && next.needsAttention === this.#counts.needsAttention) return;
    this.#counts = next;
    this.target.emit('outbox-change', next);
  }

  /** Announces a storage failure as an `outbox-error` event and rethrows it with a stable code. */
  async guard<T>(operation: Promise<T>): Promise<T> {
    try {
      return await operation;
    } catch (error) {
      const storageError = toStorageError(error);
      this.failed(storageError.code);
      throw storageError;
    }
  }

  failed(code: string): void {
    this.target.emit('outbox-error', { code });
  }

  async refresh(): Promise<void> {
    const open = await this.guard(this.records.list(['pending', 'needs-attention']));
    this.set({
      pending: open.filter((r) => r.state === 'pending').length,
      needsAttention: open.filter((r) => r.state === 'needs-attention').length,
    });
  }

  queued(record: OutboxRecord): void {
    this.target.emit('outbox-usage-queued', {
      id: record.id,
      cardId: record.usage.cardId,
      acceptance: record.acceptance,
    });
    this.set({ ...this.#counts, pending: this.#counts.pending + 1 });
    this.#post({ type: 'change' });
  }

  /** Records a run changed: those that left `pending` are counted, not re-read (re-reading per batch is quadratic). */
  settled(changed: readonly OutboxRecord[]): void {
    const synced = changed.filter((r) => r.state === 'synced').map((r) => r.id);
    const refused = changed.filter((r) => r.state === 'needs-attention');
    const { pending, needsAttention } = this.#counts;
    const left = synced.length + refused.length;
    if (left)
      this.set({ pending: Math.max(0, pending - left), needsAttention: needsAttention + refused.length });
    if (synced.length) this.target.emit('outbox-usage-synced', { ids: synced });
    for (const r of refused) this.attention(r, true);
  }

  /**
   * An `outbox-sync` event with the current counts, from this tab or (`remote`) the lock holder's. `deferred` carries
   * the delay to this tab's next attempt; it and `busy` concern only this tab, so only the others go to the tabs.
   */
  sync(phase: SyncPhase, failure?: string, more: { retryInMs?: number; remote?: boolean } = {}): void {
    const { retryInMs, remote = false } = more;
    const why = failure ? { failure } : {};
    const retry = retryInMs === undefined ? {} : { retryInMs };
    this.target.emit('outbox-sync', { phase, remote, ...this.#counts, ...why, ...retry });
    if (!remote && phase !== 'busy' && phase !== 'deferred')
      this.#post({ type: 'sync', phase, counts: this.#counts, ...why });
  }

  attention(r: OutboxRecord, local: boolean): void {
    const code = r.problem?.code ?? 'unknown';
    this.target.emit('outbox-needs-attention', {
      id: r.id,
      cardId: r.usage.cardId,
      code,
      acceptance: r.acceptance,
    });
    if (local) this.#post({ type: 'needs-attention', id: r.id });
  }

  resolved(id: string, how: Resolution, local = true): void {
    this.target.emit('outbox-attention-resolved', { id, how });
    if (local) this.#post({ type: 'resolved', id, how });
  }

  close(): void {
    this.#channel?.close();
  }

  #post(message: BroadcastMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // Closed channel after stop(): nothing to tell.
    }
  }

  async #onRemote(message: BroadcastMessage): Promise<void> {
    // Mid-run progress carries the syncer's counts; any other notice re-reads the shared store.
    if (message.type === 'sync' && message.phase === 'progress') this.set(message.counts);
    else await this.refresh().catch(() => undefined);
    if (message.type === 'sync') this.sync(message.phase, message.failure, { remote: true });
    else if (message.type === 'needs-attention') {
      const record = await this.records.get(message.id).catch(() => undefined);
      if (record) this.attention(record, false);
    } else if (message.type === 'resolved') this.resolved(message.id, message.how, false);
  }
}
