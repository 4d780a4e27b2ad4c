import type { CapState, OutboxState } from '../services/types.js';
import { connectionOf, statusChanges, type SyncFacts } from './sync-state.js';
import type { Screen } from './screen.js';
import { Task } from './task.js';
import { KaikuSyncEvent } from '../events.js';

/** The show's tally on the meter: the last count asked for wins, and none is taken while a usage is written. */
export class Tally {
  private readonly reading = new Task();
  private held = false;

  constructor(private readonly s: Screen) {}

  /** A usage is being written: a count asked for before or during the write may or may not include it. */
  hold(): void {
    this.held = true;
    this.reading.abort();
  }

  /** The write has ended: the count is asked for anew (unless it came with the write's answer). */
  release(refresh = true): void {
    this.held = false;
    if (refresh) void this.refresh();
  }

  /** Fetches the show's tally; keeps the last one (or the configured cap) when it cannot. */
  async refresh(): Promise<void> {
    const s = this.s;
    const show = s.host.show();
    if (!show) return s.set(() => (s.capState = undefined));
    if (this.held) return; // asked again when the write ends
    const fallback: CapState | undefined =
      show.cap === undefined ? undefined : { cap: show.cap, given: 0, unknown: true };
    const got = await this.reading.run(() => s.svc.capState(show).catch(() => undefined));
    if (got && s.host.show()?.id === show.id) s.set(() => (s.capState = got.value ?? s.capState ?? fallback));
  }

  dispose(): void {
    this.reading.abort();
  }
}

/** What waits in the outbox, as the status row and a queued usage on screen follow it. */
export class SyncFollow {
  state: OutboxState = { pending: 0, needsAttention: [] };
  /** The outbox has been read once: before that, nothing is known about what waits. */
  private known = false;

  constructor(
    private readonly s: Screen,
    /** Something got through: Kaikukanta answers again (a card decided offline is verified). */
    private readonly answered: () => void,
    private readonly tally: Tally,
  ) {}

  /**
   * What the sync status is built from (see `syncBadges`). Kaikukanta counts as not answering while the card on
   * screen was decided without it (from the cache, or unverified); a queued usage is said by the pending count.
   */
  facts(online: boolean, configured: boolean): SyncFacts {
    const p = this.s.phase;
    const o = this.state;
    return {
      online,
      configured,
      known: this.known,
      connection: connectionOf(o, p.name === 'card' && p.card.fromCache),
      pending: o.pending,
      needsAttention: o.needsAttention.length,
      storage: o.storage ?? 'ok',
    };
  }

  /** The outbox changed (a sync ran, a usage was queued or refused): follow a queued usage on screen. */
  changed(state: OutboxState): void {
    const s = this.s;
    const before = this.state;
    // A sign-in refused is its own state: said at once, and the host told once per failure (`statusChanges`).
    if (state.authFailure && state.authFailure !== before.authFailure) s.alert = (v) => v.t.signInFailed;
    const { sync, errors } = statusChanges(this.known ? before : undefined, state);
    errors.forEach((e) => s.emitError(e));
    const changed =
      state.pending !== before.pending || state.needsAttention.length !== before.needsAttention.length;
    s.set(() => {
      this.state = state;
      this.known = true;
      this.followQueued(state);
    });
    if (state.pending < before.pending) this.answered();
    if (sync) s.host.dispatch(new KaikuSyncEvent(sync));
    if (changed) void this.tally.refresh();
  }

  /**
   * A queued usage on screen that has since been sent, or refused by Kaikukanta: the screen says which (the clerk
   * may still be looking, and a refusal means the ticket has to be settled with the customer).
   */
  private followQueued(state: OutboxState): void {
    const s = this.s;
    const p = s.phase;
    if (p.name !== 'done' || p.outcome !== 'queued' || !p.recordId || !state.pendingIds) return;
    if (state.pendingIds.includes(p.recordId)) return;
    const refused = state.needsAttention.find((i) => i.id === p.recordId);
    if (refused) {
      s.phase = { ...p, outcome: 'refused-later', reason: refused.reason };
      s.alert = (v) => `${v.t.refusedLaterHeading}. ${v.text(refused.reason.message)}`;
      return;
    }
    s.phase = { ...p, outcome: 'registered' };
    s.polite = (v) => v.t.registeredHeading;
  }

  /** Runs one of the outbox's actions (send now, resolve an item…); a failure is shown and reported. */
  async act(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.s.fail(await this.s.errorOf(e), 'sync');
    }
  }
}
