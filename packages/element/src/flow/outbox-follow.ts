// What follows from a change of the outbox (loaded with the card actions, see `SyncFollow.changed`): the host's
// `kaiku-sync` and `kaiku-error` events, a queued usage on screen followed until it is sent or refused, the tally
// asked again.
import type { OutboxState, StorageHealth } from '../services/types.js';
import type { Screen, Shown } from './screen.js';
import type { ViewContext } from '../views/view-context.js';
import { connectionOf } from './sync.js';
import { KaikuSyncEvent, type KaikuErrorDetail, type KaikuSyncDetail } from '../events.js';

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
): void {
  const { sync, errors } = statusChanges(known ? before : undefined, state);
  errors.forEach((e) => s.emitError(e));
  const changed =
    state.pending !== before.pending || state.needsAttention.length !== before.needsAttention.length;
  // A sign-in refused is its own state: said at once, and the host told once per failure (`statusChanges`).
  const signIn = state.authFailure && state.authFailure !== before.authFailure;
  s.show({
    ...followQueued(s, state),
    ...(signIn ? { alert: (v: ViewContext) => v.t.signInFailed } : {}),
  });
  if (state.pending < before.pending) answered();
  if (sync) s.host.dispatch(new KaikuSyncEvent(sync));
  if (changed) void s.tally.refresh();
}

/** A queued usage on screen since sent, or refused by Kaikukanta (a ticket to settle with the customer). */
function followQueued(s: Screen, state: OutboxState): Shown {
  const p = s.phase;
  if (p.name !== 'done' || p.outcome !== 'queued' || !p.recordId || !state.pendingIds) return {};
  if (state.pendingIds.includes(p.recordId)) return {};
  const refused = state.needsAttention.find((i) => i.id === p.recordId);
  if (refused)
    return {
      phase: { ...p, outcome: 'refused-later', reason: refused.reason },
      alert: (v) => `${v.t.refusedLaterHeading}. ${v.text(refused.reason.message)}`,
    };
  return { phase: { ...p, outcome: 'registered' }, polite: (v) => v.t.registeredHeading };
}

/** The host's view of an outbox state (`kaiku-sync`'s detail). */
export function syncDetail(o: OutboxState): KaikuSyncDetail {
  return {
    pending: o.pending,
    needsAttention: o.needsAttention.length,
    connection: connectionOf(o, false),
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
