/** The outbox's stored shapes: card IDs, ticket counts, show and venue data, nothing else about a holder. */
import type { UsageRequest } from '../schemas/api.js';

/**
 * One reason of a server refusal as the problem body listed it (`code` and plain, non-personal `params`), kept so
 * the refusal can be explained later with its values. Render with `readServerReason`, which checks the params.
 */
export type RefusalReason = { readonly code: string; readonly params?: Readonly<Record<string, unknown>> };

/** A usage as the API takes it (the contract's `UsageRequest`). */
export type OutboxUsage = UsageRequest;

/**
 * A queued usage's states: `pending` (not yet registered), `needs-attention` (the server refused it),
 * `synced` (registered) and `resolved` (staff closed a refusal).
 */
export const RECORD_STATES = ['pending', 'needs-attention', 'synced', 'resolved'] as const;
/** One of `RECORD_STATES`. */
export type RecordState = (typeof RECORD_STATES)[number];

/** How a record got into the outbox: checked against the server first, or accepted while offline. */
export type Acceptance = 'online' | 'provisional';

/** The Kaikukanta a record is for: the API (origin + base path) and the usage's venue. */
export type RecordTarget = { readonly api: string; readonly venueId: string };

/** One usage in the outbox. `id` is also the idempotency key sent with every attempt. */
export type OutboxRecord = {
  readonly id: string;
  readonly usage: OutboxUsage;
  /** The target it is sent to, and only to (see docs/outbox.md, "Targets"). */
  readonly target: RecordTarget;
  readonly state: RecordState;
  readonly acceptance: Acceptance;
  /** Epoch ms when the clerk confirmed it. */
  readonly createdAt: number;
  /** Sends started, written before each request goes out: above 0, it may be on the server (undo voids it there). */
  readonly attempts: number;
  /** Epoch ms of the 2xx, or of the staff resolution. */
  readonly settledAt?: number;
  /** The server's `usageId` once synced (what `voidUsage` voids), when the server gave it. */
  readonly usageId?: string;
  /** Epoch ms when the clerk undid it (`voidUsage`) while it may have reached the server: a sync settles the void. */
  readonly voidRequestedAt?: number;
  /** Epoch ms when the clerk's undo (`voidUsage`) was confirmed by the server. */
  readonly voidedAt?: number;
  /** Server's refusal (needs attention). */
  readonly problem?: {
    readonly code: string;
    readonly status?: number;
    /** Every reason the server gave (a usage can break several rules at once), with their values. */
    readonly reasons?: readonly RefusalReason[];
  };
  readonly resolution?: Resolution;
  /** The outbox's integrity seal (see docs/outbox.md, "Stored records"); a record that fails it is `record-tampered`. */
  readonly seal?: string;
};

/** How staff closed a needs-attention record. */
export const RESOLUTIONS = ['dismissed', 'recorded-manually', 'retry'] as const;
/** `'dismissed'`, `'recorded-manually'` or `'retry'` (send it again). */
export type Resolution = (typeof RESOLUTIONS)[number];

/** What the outbox needs of the server for one item of a batch. */
export type ItemOutcome =
  | { readonly kind: 'accepted'; readonly usageId?: string }
  | {
      readonly kind: 'refused';
      readonly code: string;
      readonly status?: number;
      /** The problem body's reasons, with their values (an `ApiProblemError`'s `problem.reasons`). */
      readonly reasons?: readonly RefusalReason[];
    }
  | { readonly kind: 'transient'; readonly code: string; readonly retryAfterMs?: number };

/** One entry sent in a batch. */
export type BatchEntry = {
  readonly idempotencyKey: string;
  readonly usage: OutboxUsage;
  /** The ticket was given before this send (a usage that waited): see `BatchItem.admitted`. */
  readonly admitted?: boolean;
};

/**
 * What the outbox calls to deliver. `createApiClient()` fits it through `outboxTransport(client)`;
 * tests and custom back ends can implement it directly.
 */
export type OutboxTransport = {
  /** Sends a batch; resolves to one outcome per entry, in order. Rejects when the whole request failed. */
  sendBatch(entries: readonly BatchEntry[], signal: AbortSignal): Promise<readonly ItemOutcome[]>;
};

/** Which mechanism is in use for each secure-context feature (absent on plain http:// pages). */
export type OutboxCapabilities = {
  readonly lock: 'web-locks' | 'indexeddb-lease';
  readonly idempotencyKey: 'random-uuid' | 'get-random-values';
  /**
   * `requested` while the browser has not answered `navigator.storage.persist()` (Firefox asks the user
   * with a permission prompt and answers only when the user does; start-up does not wait for it).
   */
  readonly persistence: 'requested' | 'persisted' | 'not-persisted' | 'unsupported';
  readonly broadcast: 'broadcast-channel' | 'none';
  readonly secureContext: boolean;
};

/** Counts announced after every change and sync step. */
export type OutboxCounts = { readonly pending: number; readonly needsAttention: number };
