import type { Acceptance, OutboxCounts, Resolution } from './types.js';

/** Detail of every outbox event, by type. Details carry codes, IDs and counts only. */
export type OutboxEventDetails = {
  /** Durably written (the only moment a clerk may be told "saved"). */
  'outbox-usage-queued': { readonly id: string; readonly cardId: string; readonly acceptance: Acceptance };
  /** The server registered these records (2xx, or the first result replayed for a resent key). */
  'outbox-usage-synced': { readonly ids: readonly string[] };
  /** Sync progress, from this tab or (remote = true) from the tab that holds the sync lock. */
  'outbox-sync': {
    readonly phase: 'started' | 'progress' | 'finished' | 'deferred' | 'busy';
    readonly remote: boolean;
    readonly pending: number;
    readonly needsAttention: number;
    /** Why the run stopped early (`network`, `timeout`, `http-503`, `rate-limited`, …). */
    readonly failure?: string;
    /** Milliseconds to the next automatic attempt, when one is scheduled. */
    readonly retryInMs?: number;
  };
  /** The server refused a queued usage: staff must resolve it (`outbox.resolve(id, how)`). */
  'outbox-needs-attention': {
    readonly id: string;
    readonly cardId: string;
    readonly code: string;
    readonly acceptance: Acceptance;
  };
  /** Staff resolved a refused usage (`outbox.resolve(id, how)`). */
  'outbox-attention-resolved': { readonly id: string; readonly how: Resolution };
  /** Pending or needs-attention counts changed (any tab). */
  'outbox-change': OutboxCounts;
  /** A storage failure (`storage-quota`, `storage-unavailable`, `storage-failed`). */
  'outbox-error': { readonly code: string };
};

/** The name of an outbox event, e.g. `'outbox-usage-queued'` (all start with `outbox-`). */
export type OutboxEventType = keyof OutboxEventDetails;

/**
 * An outbox event: a plain `Event` with a typed, frozen `detail`.
 *
 * @example
 * outbox.addEventListener('outbox-needs-attention', (e) => showBanner(e.detail.code));
 */
export class OutboxEvent<K extends OutboxEventType = OutboxEventType> extends Event {
  /** The event's data: codes, record IDs and counts (frozen). */
  readonly detail: OutboxEventDetails[K];

  constructor(type: K, detail: OutboxEventDetails[K]) {
    super(type);
    this.detail = Object.freeze({ ...detail }) as OutboxEventDetails[K];
  }
}

/** A typed listener for outbox event types, an untyped one for others (as `EventTarget`). */
type ListenerOf<K extends string> =
  | (K extends OutboxEventType
      ? ((event: OutboxEvent<K>) => void) | { handleEvent(event: OutboxEvent<K>): void }
      : EventListenerOrEventListenerObject)
  | null;

/** An `EventTarget` whose listeners are typed by event name. */
export class OutboxEventTarget extends EventTarget {
  /** Listens to an event; an outbox event's listener gets an `OutboxEvent` with that type's `detail`. */
  override addEventListener<K extends string>(
    type: K,
    listener: ListenerOf<K>,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  /** Removes a listener added with `addEventListener`. */
  override removeEventListener<K extends string>(
    type: K,
    listener: ListenerOf<K>,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  /** Dispatches a typed event (internal). */
  emit<K extends OutboxEventType>(type: K, detail: OutboxEventDetails[K]): void {
    this.dispatchEvent(new OutboxEvent(type, detail));
  }
}
