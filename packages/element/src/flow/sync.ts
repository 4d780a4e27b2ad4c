import type { CapState, Connection, OutboxState, StorageHealth } from '../services/types.js';
import type { Screen } from './screen.js';
import type { followOutbox } from './outbox-follow.js';
import { Task } from './task.js';
import { LOAD_FAILED, type LazyModule } from '../lazy-module.js';

/** The code that follows the outbox's changes (loaded with the card actions). */
type Follower = { readonly followOutbox: typeof followOutbox };

/** How often an idle terminal asks for the show's tally (another terminal may be selling meanwhile). */
export const TALLY_MS = 20_000;

/** The meter's tally, its one owner: the last count asked wins, none taken mid-write, a registration counts at once. */
export class Tally {
  private readonly reading = new Task();
  private held = false;
  #value: CapState | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The count changed (a card on screen is decided again against it). */
  onChange: () => void = () => undefined;

  constructor(private readonly s: Screen) {}

  get value(): CapState | undefined {
    return this.#value;
  }

  private set(value: CapState | undefined): void {
    this.#value = value;
    this.s.host.changed();
    this.onChange();
  }

  /** Another show: its count is unknown until fetched. */
  forget(): void {
    this.set(undefined);
  }

  /** Asks for the count every `ms` (until `dispose`), so an idle terminal's meter follows the other terminals. */
  every(ms: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.refresh(), ms);
  }

  /** A usage is being written: a count asked for before or during the write may or may not include it. */
  hold(): void {
    this.held = true;
    this.reading.abort();
  }

  /** The write ended: the registry's count (`cap`), or ours plus `queued` at once; with neither, asked anew. */
  release(answer?: { cap?: CapState | undefined; queued?: number }): void {
    this.held = false;
    const last = this.#value;
    if (answer?.cap) return this.set(answer.cap);
    if (answer?.queued !== undefined && last) this.set({ ...last, given: last.given + answer.queued });
    void this.refresh();
  }

  /** Fetches the show's tally; keeps the last one (or the configured cap) when it cannot. */
  async refresh(): Promise<void> {
    const s = this.s;
    const show = s.host.show();
    if (!show) return this.set(undefined);
    if (this.held) return; // asked again when the write ends
    const fallback: CapState | undefined =
      show.cap === undefined ? undefined : { cap: show.cap, given: 0, unknown: true };
    const got = await this.reading.run(() => s.svc.capState(show).catch(() => undefined));
    if (got && s.host.show()?.id === show.id) this.set(got.value ?? this.#value ?? fallback);
  }

  dispose(): void {
    this.reading.abort();
    clearInterval(this.timer);
  }
}

/** What waits in the outbox, as the status row and a queued usage on screen follow it. */
export class SyncFollow {
  state: OutboxState = { pending: 0, needsAttention: [] };
  /** The outbox has been read once: before that, nothing is known about what waits. */
  private known = false;

  /** The follower's code on its way (one load at a time). */
  private loading: Promise<void> | undefined;
  /** The changes not yet followed: the state before, whether that one was read, the new one. */
  private readonly waiting: [OutboxState, boolean, OutboxState][] = [];

  constructor(
    private readonly s: Screen,
    /** Something got through: Kaikukanta answers again (a card decided offline is verified). */
    private readonly answered: () => void,
    /** The card actions' code, which follows the outbox's changes. */
    private readonly code: LazyModule<Follower>,
  ) {}

  /** The sync status's facts; Kaikukanta counts as not answering while the card on screen was decided without it. */
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
      unsent: o.unsent ?? [],
    };
  }

  /**
   * The outbox changed (a sync ran, a usage was queued or refused): the status row says it at once; what follows
   * from it (the host's events, a queued usage on screen followed, the tally asked again) is the card actions'
   * code's (`followOutbox`), in order, once it is in. It loads with the card panel when the element connects; a
   * failed load is reported (`element-load-failed`) and tried again at the next change.
   */
  changed(state: OutboxState): void {
    this.waiting.push([this.state, this.known, state]);
    this.state = state;
    this.known = true;
    this.s.host.changed();
    const code = this.code.get();
    if (code) this.take(code);
    // One load at a time: the changes queued meanwhile go with it, and a failed load is said once.
    else
      this.loading ??= this.code
        .load()
        .then(
          (m) => this.take(m),
          () => this.s.apply({ type: 'error', detail: { code: LOAD_FAILED, stage: 'sync' } }),
        )
        .finally(() => (this.loading = undefined));
  }

  private take(code: Follower): void {
    for (const [before, known, state] of this.waiting.splice(0))
      code.followOutbox(this.s, before, known, state, this.answered, connectionOf);
  }

  /** Runs one of the outbox's actions (send now, resolve an item…); a failure is shown and reported. */
  async act(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.s.apply({ type: 'failed', error: await this.s.errorOf(e), stage: 'sync' });
    }
  }
}

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
  /** This venue's register usages on the device not sent, by terminal name (`OutboxState.unsent`). */
  readonly unsent?: NonNullable<OutboxState['unsent']>;
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
    | 'unsent'
    | 'all-sent';
  readonly tone: 'ok' | 'warn' | 'danger' | 'neutral';
};

/** No usage can be kept on this device (no IndexedDB, or it cannot be written): it registers online only. */
export const storageDown = (health: StorageHealth | undefined): boolean =>
  health === 'unavailable' || health === 'unwritable';

/** A refused sign-in is `signed-out`; a card decided without Kaikukanta means it did not answer; else last heard. */
export function connectionOf(o: OutboxState, cardFromCache: boolean): Connection {
  if (o.authFailure) return 'signed-out';
  return cardFromCache ? 'unreachable' : (o.connection ?? 'unknown');
}

/** What the sync status says, one consistent statement; "everything sent" (green) only when known: online, signed
 * in, outbox read, storage working, nothing waiting or needing attention. */
export function syncBadges(s: SyncFacts): SyncBadge[] {
  if (!s.configured) return [{ kind: 'not-configured', tone: 'danger' }];
  const badges: SyncBadge[] = [];
  const waiting = s.pending > 0;
  const link = !s.online ? 'offline' : s.connection === 'signed-out' ? 'auth' : s.connection;
  if (link === 'auth') badges.push({ kind: link, tone: 'danger' });
  else if (link !== 'ok') badges.push({ kind: link, tone: waiting ? 'warn' : 'neutral' });
  if (storageDown(s.storage)) badges.push({ kind: 'no-storage', tone: 'danger' });
  if (waiting) badges.push({ kind: 'pending', tone: 'warn' });
  if (s.needsAttention > 0) badges.push({ kind: 'attention', tone: 'warn' });
  // Kept under this or another terminal name and never sent: not "all sent".
  if (s.unsent?.length) badges.push({ kind: 'unsent', tone: 'warn' });
  // Storage not known yet (a slow device's first answer): nothing is said about it, and not "all sent" either.
  if (badges.length === 0 && s.known && s.storage !== 'unknown')
    badges.push({ kind: 'all-sent', tone: 'ok' });
  return badges;
}
