/**
 * `@kaiku-scanner/core/outbox` — the offline outbox (IndexedDB, exactly-once sync), its records' states and
 * outcomes. A subpath because it is browser-only: its types name IndexedDB and DOM events, so the main entry (which
 * keeps `OutboxRecord` and the CSV report) compiles in a Node project without the DOM library.
 *
 * @example
 * import { createApiClient } from '@kaiku-scanner/core';
 * import { createOutbox } from '@kaiku-scanner/core/outbox';
 * const outbox = createOutbox({ client: createApiClient({ baseUrl, getToken }) });
 */
export * from './outbox/create-outbox.js';
export type { VoidOutcome } from './outbox/record-actions.js';
export type { OutboxClient, OutboxOptions, OutboxTarget } from './outbox/outbox-options.js';
export { OutboxError } from './outbox/outbox-error.js';
export { OutboxEvent, type OutboxEventDetails, type OutboxEventType } from './outbox/outbox-events.js';
export { OFFLINE_POLICIES } from './outbox/offline-check.js';
export type { CardCheck, CardFacts, OfflinePolicy } from './outbox/offline-check.js';
export type { LocalTally, OwnConflict } from './outbox/show-tally.js';
export { RECORD_STATES, RESOLUTIONS } from './outbox/types.js';
export type {
  Acceptance,
  ItemOutcome,
  OutboxCounts,
  OutboxTransport,
  RecordState,
  RefusalReason,
  Resolution,
} from './outbox/types.js';
export type { BackoffPolicy } from './outbox/backoff.js';
export { isAuthFailure } from './outbox/api-transport.js';
export * from './outbox/shift-tally.js';
export * from './register/create-register.js';
export { deviceRegisterStore } from './register/register-store.js';
