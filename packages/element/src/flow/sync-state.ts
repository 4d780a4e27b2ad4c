import type { Connection, OutboxState, StorageHealth } from '../services/types.js';
import type { KaikuErrorDetail, KaikuSyncDetail } from '../events.js';

/** What the terminal knows about sending usages to Kaikukanta: the input of the header's sync status. */
export type SyncFacts = {
  /** The browser says it has a network (`navigator.onLine`). */
  readonly online: boolean;
  /** What Kaikukanta last answered this terminal (see `connectionOf`). */
  readonly connection: Connection;
  /** A Kaikukanta API (base-url or injected services) is configured: without one nothing is ever sent. */
  readonly configured: boolean;
  /** The outbox has been read: until then nothing is known about what waits. */
  readonly known: boolean;
  readonly pending: number;
  readonly needsAttention: number;
  /** Whether usages can be kept on this device (see `StorageHealth`). */
  readonly storage: StorageHealth;
};

/** One thing the status says, in its tone (`neutral`: a fact, nothing to act on). */
export type SyncBadge = {
  readonly kind:
    | 'not-configured'
    | 'offline'
    | 'unreachable'
    | 'auth'
    | 'unknown'
    | 'no-storage'
    | 'pending'
    | 'attention'
    | 'all-sent';
  readonly tone: 'ok' | 'warn' | 'danger' | 'neutral';
};

/**
 * The connection as the status row says it: a sign-in refused by any request (a sync's included) is `signed-out`;
 * a card on screen decided without Kaikukanta means it did not answer; else what the services last heard, and
 * `unknown` from services that do not say.
 */
export function connectionOf(o: OutboxState, cardFromCache: boolean): Connection {
  if (o.authFailure) return 'signed-out';
  return cardFromCache ? 'unreachable' : (o.connection ?? 'unknown');
}

/**
 * What the sync status says, one consistent statement: no API at all; else the connection (no network,
 * Kaikukanta not answering, the sign-in refused, or not known yet), storage that cannot keep usages, what waits
 * and what needs attention; and "everything sent" (green) only when that is true and known — online, Kaikukanta
 * answered with the sign-in accepted, the outbox read, storage working, nothing waiting, nothing needing attention.
 */
export function syncBadges(s: SyncFacts): SyncBadge[] {
  if (!s.configured) return [{ kind: 'not-configured', tone: 'danger' }];
  const badges: SyncBadge[] = [];
  const waiting = s.pending > 0;
  const link = !s.online ? 'offline' : s.connection === 'signed-out' ? 'auth' : s.connection;
  if (link === 'auth') badges.push({ kind: link, tone: 'danger' });
  else if (link !== 'ok') badges.push({ kind: link, tone: waiting ? 'warn' : 'neutral' });
  if (s.storage === 'unavailable' || s.storage === 'unwritable')
    badges.push({ kind: 'no-storage', tone: 'danger' });
  if (waiting) badges.push({ kind: 'pending', tone: 'warn' });
  if (s.needsAttention > 0) badges.push({ kind: 'attention', tone: 'warn' });
  if (badges.length === 0 && s.known) badges.push({ kind: 'all-sent', tone: 'ok' });
  return badges;
}

/** The host's view of an outbox state (`kaiku-sync`'s detail). */
export function syncDetail(o: OutboxState): KaikuSyncDetail {
  return {
    pending: o.pending,
    needsAttention: o.needsAttention.length,
    connection: connectionOf(o, false),
    storage: o.storage ?? 'ok',
    lost: o.lost ?? 0,
  };
}

const STORAGE_CODES: Partial<Record<StorageHealth, string>> = {
  unavailable: 'storage-unavailable',
  unwritable: 'storage-failed',
};

/**
 * What the host is told when the outbox state changes: `kaiku-sync` when anything it carries changed (undefined
 * when nothing did), and one `kaiku-error` (stage `sync`) per failure as it starts — the sign-in refused (its HTTP
 * code), storage that cannot keep usages, usages lost with cleared storage (`storage-evicted`).
 */
export function statusChanges(
  before: OutboxState | undefined,
  after: OutboxState,
): { sync: KaikuSyncDetail | undefined; errors: KaikuErrorDetail[] } {
  const was = before ? syncDetail(before) : undefined;
  const now = syncDetail(after);
  const errors: KaikuErrorDetail[] = [];
  if (after.authFailure && after.authFailure !== before?.authFailure)
    errors.push({ code: after.authFailure, stage: 'sync' });
  const storageCode = STORAGE_CODES[now.storage];
  if (storageCode && now.storage !== was?.storage) errors.push({ code: storageCode, stage: 'sync' });
  if (now.lost > (was?.lost ?? 0)) errors.push({ code: 'storage-evicted', stage: 'sync' });
  const same = was && (Object.keys(now) as (keyof KaikuSyncDetail)[]).every((k) => now[k] === was[k]);
  return { sync: same ? undefined : now, errors };
}
