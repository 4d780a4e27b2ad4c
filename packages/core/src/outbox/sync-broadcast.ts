import type { OutboxCounts, Resolution } from './types.js';

/** Notices between tabs of one origin. Progress only: BroadcastChannel never reaches the sender or cached pages. */
export type BroadcastMessage =
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

/** A BroadcastChannel when the page has one; otherwise nothing (each tab then reads the shared store). */
export class SyncBroadcast {
  readonly #channel: BroadcastChannel | undefined;

  constructor(name: string, onMessage: (message: BroadcastMessage) => void | Promise<void>) {
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
    this.#channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown } | null;
      if (typeof data === 'object' && data !== null && TYPES.has(String(data.type))) {
        void Promise.resolve(onMessage(data as BroadcastMessage)).catch(() => undefined);
      }
    });
  }

  get available(): boolean {
    return this.#channel !== undefined;
  }

  post(message: BroadcastMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // Closed channel after stop(): nothing to tell.
    }
  }

  close(): void {
    this.#channel?.close();
  }
}
