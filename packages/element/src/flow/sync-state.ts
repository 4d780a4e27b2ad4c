/** What the terminal knows about sending usages to Kaikukanta: the input of the header's sync status. */
export type SyncFacts = {
  /** The browser says it has a network (`navigator.onLine`). */
  readonly online: boolean;
  /** Kaikukanta did not answer the look-up of the card on screen (it was decided from the cache or unverified). */
  readonly unreachable: boolean;
  /** A Kaikukanta API (base-url or injected services) is configured: without one nothing is ever sent. */
  readonly configured: boolean;
  /** The outbox has been read: until then nothing is known about what waits. */
  readonly known: boolean;
  readonly pending: number;
  readonly needsAttention: number;
  /** The last sync stopped on the terminal's sign-in (`http-401`, `http-403`). */
  readonly authFailure: string | undefined;
};

/** One thing the status says, in its tone (`neutral`: a fact, nothing to act on). */
export type SyncBadge = {
  readonly kind: 'not-configured' | 'offline' | 'unreachable' | 'auth' | 'pending' | 'attention' | 'all-sent';
  readonly tone: 'ok' | 'warn' | 'danger' | 'neutral';
};

/**
 * What the sync status says, one consistent statement: no API at all; else the connection (no network, or
 * Kaikukanta not answering, or the sign-in refused) and what waits or needs attention; and "everything sent"
 * (green) only when that is true and known — online, Kaikukanta answering, signed in, the outbox read, nothing
 * waiting and nothing needing attention. Without a connection an empty queue is neutral, not green: nothing is
 * known to be lost, but nothing can be sent either.
 */
export function syncBadges(s: SyncFacts): SyncBadge[] {
  if (!s.configured) return [{ kind: 'not-configured', tone: 'danger' }];
  const badges: SyncBadge[] = [];
  const waiting = s.pending > 0;
  if (!s.online) badges.push({ kind: 'offline', tone: waiting ? 'warn' : 'neutral' });
  else if (s.unreachable) badges.push({ kind: 'unreachable', tone: waiting ? 'warn' : 'neutral' });
  else if (s.authFailure) badges.push({ kind: 'auth', tone: 'danger' });
  if (waiting) badges.push({ kind: 'pending', tone: 'warn' });
  if (s.needsAttention > 0) badges.push({ kind: 'attention', tone: 'warn' });
  if (badges.length === 0 && s.known) badges.push({ kind: 'all-sent', tone: 'ok' });
  return badges;
}
