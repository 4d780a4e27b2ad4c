import { KaikuError } from '../errors/kaiku-error.js';
import { type OutboxMessageCode, outboxMessages } from '../messages/outbox.js';

/**
 * A storage or outbox failure. `code` is one of the outbox message codes (`storage-quota`,
 * `storage-unavailable`, `storage-failed`, …); `message` is the English text.
 */
export class OutboxError extends KaikuError {
  /** The stable code, e.g. `storage-quota` (its text: `localize(error, locale)`). */
  declare readonly code: OutboxMessageCode;

  constructor(
    code: OutboxMessageCode,
    options: { cause?: unknown; params?: { id?: string; fields?: string; retryInMs?: number } } = {},
  ) {
    const en = outboxMessages[code].en as (p: { id: string; reason: string; fields: string }) => string;
    const p = options.params;
    super(code, en({ id: p?.id ?? '', reason: '', fields: p?.fields ?? '' }), options);
    this.name = 'OutboxError';
  }
}

/** What IndexedDB throws when it cannot be used at all (private mode, a blocked or deleted database). */
const UNAVAILABLE = new Set(['SecurityError', 'InvalidStateError', 'NotFoundError', 'VersionError']);

/** Maps anything IndexedDB throws to a storage error with a stable code. */
export function toStorageError(error: unknown): OutboxError {
  if (error instanceof OutboxError) return error;
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'QuotaExceededError') return new OutboxError('storage-quota', { cause: error });
  if (UNAVAILABLE.has(String(name))) return new OutboxError('storage-unavailable', { cause: error });
  const message = error instanceof Error ? error.message : '';
  if (/quota/i.test(message)) return new OutboxError('storage-quota', { cause: error });
  return new OutboxError('storage-failed', { cause: error });
}
