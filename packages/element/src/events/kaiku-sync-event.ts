import { KaikuEvent } from './event-init.js';
import type { Connection, StorageHealth } from '../services/types.js';

/** `kaiku-sync`'s detail: the outbox's counts, the connection and the storage after a change. */
export type KaikuSyncDetail = {
  /** Usages still waiting to be sent. */
  readonly pending: number;
  /** Usages the server refused after they were accepted offline; staff must resolve them. */
  readonly needsAttention: number;
  /** What Kaikukanta last answered: `unknown`, `ok`, `unreachable` or `signed-out`. */
  readonly connection: Connection;
  /** Whether usages can be kept on this device: `ok`, `not-persisted`, `unavailable` or `unwritable`. */
  readonly storage: StorageHealth;
  /** Usages that were waiting when the browser cleared this device's storage (0 when none). */
  readonly lost: number;
};

/** The terminal's sending state changed: a count, what Kaikukanta answered, or its storage (see docs/element.md). */
export class KaikuSyncEvent extends KaikuEvent<KaikuSyncDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-sync';
  constructor(detail: KaikuSyncDetail) {
    super(KaikuSyncEvent.eventName, detail);
  }
}
