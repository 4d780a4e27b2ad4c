import { UsageRequestSchema } from '../schemas/api.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { OutboxError } from './outbox-error.js';
import type { OutboxScope } from './target.js';
import type { Acceptance, OutboxRecord, OutboxUsage } from './types.js';

/**
 * A new pending record for a usage: validated by the contract's strict schema and given a fresh key.
 * A field the contract does not know (a misspelt one, or anything about a holder) is refused, never dropped
 * quietly nor stored. Throws `invalid-usage` listing the offending field paths (never their values).
 */
export function newRecord(
  usage: OutboxUsage,
  acceptance: Acceptance,
  now: number,
  scope: OutboxScope,
): OutboxRecord {
  const parsed = UsageRequestSchema.safeParse(usage);
  if (!parsed.success) {
    const fields = [
      ...new Set(
        parsed.error.issues.flatMap((i) =>
          // An unknown key is reported on its parent object: name the key itself.
          i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : [i.path.join('.')],
        ),
      ),
    ].join(', ');
    throw new OutboxError('invalid-usage', { params: { fields } });
  }
  return {
    id: newIdempotencyKey(),
    usage: parsed.data,
    target: { api: scope.api, venueId: parsed.data.venueId },
    state: 'pending',
    acceptance,
    createdAt: now,
    attempts: 0,
  };
}

/** Asks the browser not to evict the outbox; absent outside secure contexts. */
export async function requestPersistence(): Promise<'persisted' | 'not-persisted' | 'unsupported'> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    return (await storage.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'not-persisted';
  }
}
