// What follows from a change of the outbox (loaded with the card actions, see `SyncFollow.changed`): the host's
// `kaiku-sync` and `kaiku-error` events, a queued usage on screen followed until it is sent or refused, the tally
// asked again.
import type { OutboxState, StorageHealth } from '../services/types.js';
import type { Screen } from './screen.js';
import type { connectionOf } from './sync.js';
import type { KaikuErrorDetail, KaikuSyncDetail } from '../events.js';

/** How the status row says the connection (`connectionOf`): handed over, as this chunk imports no module of the first
 * download's (see `Screen`). */
type ConnectionOf = typeof connectionOf;

/**
 * Follows the outbox's change from `before` (`known`: it had been read) to `state` on `s`: the errors as they start,
 * `kaiku-sync` when what it carries changed, a sign-in refused said at once; `answered` when something got through.
 */
export function followOutbox(
  s: Screen,
  before: OutboxState,
  known: boolean,
  state: OutboxState,
  answered: () => void,
  connection: ConnectionOf,
): void {
  const { sync, errors } = statusChanges(known ? before : undefined, state, connection);
  const changed =
    state.pending !== before.pending || state.needsAttention.length !== before.needsAttention.length;
  s.apply({ type: 'queue', pendingIds: state.pendingIds, refused: state.needsAttention });
  s.apply({
    type: 'outbox',
    errors,
    sync,
    // A sign-in refused is its own state: said at once, and the host told once per failure (`statusChanges`).
    signInFailed: !!state.authFailure && state.authFailure !== before.authFailure,
  });
  if (state.pending < before.pending) answered();
  if (changed) void s.tally.refresh();
}

/** The host's view of an outbox state (`kaiku-sync`'s detail). */
export function syncDetail(o: OutboxState, connection: ConnectionOf): KaikuSyncDetail {
  return {
    pending: o.pending,
    needsAttention: o.needsAttention.length,
    connection: connection(o, false),
    storage: o.storage ?? 'ok',
    lost: o.lost ?? 0,
    conflicts: o.conflicts?.length ?? 0,
  };
}

const STORAGE_CODES: Partial<Record<StorageHealth, string>> = {
  unavailable: 'storage-unavailable',
  unwritable: 'storage-failed',
};

/** `kaiku-sync` when what it carries changed (else undefined), and one `kaiku-error` (stage `sync`) per failure as
 * it starts: sign-in refused, storage unusable, usages lost with cleared storage. */
export function statusChanges(
  before: OutboxState | undefined,
  after: OutboxState,
  connection: ConnectionOf,
): { sync: KaikuSyncDetail | undefined; errors: KaikuErrorDetail[] } {
  const was = before ? syncDetail(before, connection) : undefined;
  const now = syncDetail(after, connection);
  const errors: KaikuErrorDetail[] = [];
  if (after.authFailure && after.authFailure !== before?.authFailure)
    errors.push({ code: after.authFailure, stage: 'sync' });
  const storageCode = STORAGE_CODES[now.storage];
  if (storageCode && now.storage !== was?.storage) errors.push({ code: storageCode, stage: 'sync' });
  if (now.lost > (was?.lost ?? 0)) errors.push({ code: 'storage-evicted', stage: 'sync' });
  const same = was && (Object.keys(now) as (keyof KaikuSyncDetail)[]).every((k) => now[k] === was[k]);
  return { sync: same ? undefined : now, errors };
}
