// The outbox's public surface (re-exported from the package entry's "outbox" block).
export { createOutbox, Outbox } from './create-outbox.js';
export type { SyncSummary, TargetCounts } from './create-outbox.js';
export { outboxScope, scopeDatabaseName } from './target.js';
export type { OutboxScope, OutboxTarget } from './target.js';
export type { OutboxClient, OutboxOptions } from './outbox-options.js';
export { createStrictStore } from './strict-store.js';
export type { StrictStoreOptions } from './strict-store.js';
export { OutboxError } from './outbox-error.js';
export { OutboxEvent, OutboxEventTarget } from './outbox-events.js';
export type { OutboxEventDetails, OutboxEventType } from './outbox-events.js';
export { outboxTransport } from './api-transport.js';
export { isAuthFailure } from './classify-failure.js';
export type { BatchClient } from './api-transport.js';
export { toUsageReportCsv } from './csv-export.js';
export type { CsvOptions } from './csv-export.js';
export { newIdempotencyKey } from './idempotency-key.js';
export { OFFLINE_POLICIES } from './offline-check.js';
export type { CardCheck, CardFacts, OfflinePolicy } from './offline-check.js';
export type { CachedCard } from './card-cache.js';
export type { LocalTally, ServerTally } from './show-tally.js';
export { DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffPolicy } from './backoff.js';
export { RECORD_STATES, RESOLUTIONS } from './types.js';
export type {
  Acceptance,
  BatchEntry,
  ItemOutcome,
  OutboxCapabilities,
  OutboxCounts,
  OutboxRecord,
  OutboxTransport,
  RefusalReason,
  OutboxUsage,
  RecordState,
  RecordTarget,
  Resolution,
} from './types.js';
