import { OutboxError } from './outbox-error.js';
import type { OutboxCounts, OutboxRecord, RecordTarget } from './types.js';

/** Which Kaikukanta an outbox delivers to: the API's base URL and, optionally, the one venue it serves. */
export type OutboxTarget = { readonly baseUrl: string; readonly venueId?: string | undefined };

/**
 * An outbox's target, normalized: `api` is the base URL's origin and path (with a trailing slash, without
 * query, fragment or credentials); `key` names it in database, lock and channel names.
 */
export type OutboxScope = {
  readonly api: string;
  readonly venueId: string | undefined;
  readonly key: string;
};

/**
 * Normalizes a target. Refuses (`invalid-option`, naming `target.baseUrl` / `target.venueId`) what cannot name
 * one API: an unparsable URL, or an empty venue.
 *
 * @example
 * outboxScope({ baseUrl: 'https://kaikukanta.example/api', venueId: 'teatteri-hilla' }).key;
 * // 'https://kaikukanta.example/api/ teatteri-hilla'
 */
export function outboxScope(target: OutboxTarget): OutboxScope {
  let url: URL | undefined;
  try {
    url = new URL(target.baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol))
    throw new OutboxError('invalid-option', { params: { fields: 'target.baseUrl' } });
  if (target.venueId !== undefined && (typeof target.venueId !== 'string' || target.venueId === ''))
    throw new OutboxError('invalid-option', { params: { fields: 'target.venueId' } });
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  const api = `${url.origin}${path}`;
  // A URL has no spaces (they are percent-encoded), so the first space separates the two parts.
  return { api, venueId: target.venueId, key: target.venueId ? `${api} ${target.venueId}` : api };
}

/**
 * Whether a record belongs to this outbox's target (same API, and same venue when the outbox has one). A record a
 * page script wrote without a target belongs to no outbox: it is never sent, and it never stops the others.
 */
export function belongsTo(scope: OutboxScope, record: OutboxRecord): boolean {
  const t = record.target as RecordTarget | null | undefined;
  return !!t && t.api === scope.api && (scope.venueId === undefined || t.venueId === scope.venueId);
}

/** Open records of one target in an outbox's store (`targetCounts()`). */
export type TargetCounts = OutboxCounts & {
  readonly target: RecordTarget;
  /** True for this outbox's own target. */
  readonly own: boolean;
};

/** Open records per target, the scope's own first (`Outbox.targetCounts`); a record without a target counts for none. */
export function countByTarget(scope: OutboxScope, records: readonly OutboxRecord[]): TargetCounts[] {
  const counts = new Map<string, TargetCounts>();
  for (const r of records) {
    if ((r.state !== 'pending' && r.state !== 'needs-attention') || !(r.target as RecordTarget | null))
      continue;
    const key = `${r.target.api} ${r.target.venueId}`;
    const own = belongsTo(scope, r);
    const c = counts.get(key) ?? { target: r.target, own, pending: 0, needsAttention: 0 };
    const field = r.state === 'pending' ? 'pending' : 'needsAttention';
    counts.set(key, { ...c, [field]: c[field] + 1 });
  }
  return [...counts.values()].sort((a, b) => Number(b.own) - Number(a.own));
}
