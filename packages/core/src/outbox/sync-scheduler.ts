import { type BackoffPolicy, nextDelay } from './backoff.js';

const MAX_TIMER_MS = 2 ** 31 - 1;
/** Minimum gap between `online`-triggered syncs: a flapping connection must not hammer the server. */
export const ONLINE_COOLDOWN_MS = 5_000;

/** How one sync attempt ended: done, busy (another tab holds the lock), or failed with a code and maybe a delay. */
export type AttemptOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'failed'; readonly failure: string; readonly retryAfterMs?: number };

/** Options of the sync scheduler: the attempt to run and its timing. */
export type SchedulerOptions = {
  readonly attempt: () => Promise<AttemptOutcome>;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  /** False: never schedule by itself (manual `run` only); delays are still computed and reported. */
  readonly auto: boolean;
  /** Called with the delay whenever an automatic retry is scheduled. */
  readonly onScheduled?: (delayMs: number, outcome: AttemptOutcome) => void;
};

/** Unreachable-only failures: their backoff ends once the server answers; Retry-After keeps its timer. */
const UNREACHABLE: ReadonlySet<string> = new Set(['network', 'timeout']);

/** Runs sync attempts one at a time: on demand, soon (coalesced), on a backoff timer after failures. */
export class SyncScheduler {
  readonly #o: SchedulerOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dueAt = Infinity;
  #running: Promise<AttemptOutcome> | undefined;
  /** The run during which the server answered another request. */
  #answeredDuring: Promise<AttemptOutcome> | undefined;
  /** The failure the timer now waits out, if it was one of {@link UNREACHABLE}. */
  #waitingOutUnreachable = false;
  #failures = 0;
  #stopped = false;
  #lastOnline = -Infinity;

  constructor(options: SchedulerOptions) {
    this.#o = options;
  }

  /** Failed attempts in a row (0 after a run that was done, or when the browser comes online). */
  get failures(): number {
    return this.#failures;
  }

  /** Runs an attempt now, or joins the one running (and goes again when it ends, unless it failed). */
  run(): Promise<AttemptOutcome> {
    if (this.#stopped) return Promise.resolve({ kind: 'failed', failure: 'outbox-stopped' });
    // Asked for during a run: go again when it ends, unless it failed (then its backoff timer decides).
    const running = this.#running;
    if (running) {
      void running
        .then((outcome) => void (outcome.kind === 'done' && this.#schedule(0)))
        .catch(() => undefined);
      return running;
    }
    const started = (async () => {
      let outcome: AttemptOutcome = { kind: 'failed', failure: 'storage-failed' };
      try {
        outcome = await this.#o.attempt();
        return outcome;
      } finally {
        this.#running = undefined;
        this.#plan(outcome);
      }
    })();
    this.#running = started;
    return started;
  }

  /** A run someone asked for: waits out one in flight (it may fail on what has since recovered), then runs. */
  async runFresh(): Promise<AttemptOutcome> {
    if (this.#running) await this.#running.catch(() => undefined);
    return this.run();
  }

  /** Sync in the next task, unless a run is already due then. */
  soon(): void {
    this.#schedule(0);
  }

  /** The browser is online: forget failures and sync now, at most once per {@link ONLINE_COOLDOWN_MS}. */
  online(): void {
    const wait = this.#lastOnline + ONLINE_COOLDOWN_MS - Date.now();
    if (wait > 0) return this.#schedule(wait);
    this.#lastOnline = Date.now();
    this.#failures = 0;
    void this.run().catch(() => undefined);
  }

  /** The server answered: a run backing off from a network failure goes now (rechecked after a current run). */
  reachable(): void {
    const running = this.#running;
    // Once per run, however many answers come during it: they say nothing of a run that starts after it.
    if (running && this.#answeredDuring !== running) {
      const again = () => this.reachable();
      void (this.#answeredDuring = running).then(again, again);
    }
    if (running) return;
    if (!this.#waitingOutUnreachable || !this.#o.auto || this.#stopped || this.#failures === 0) return;
    this.#waitingOutUnreachable = false;
    this.online();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(requestedMs: number): void {
    if (this.#stopped || !this.#o.auto) return;
    // Browsers fire a timer beyond 2³¹−1 ms at once: a huge delay must not become a tight loop.
    const delayMs = Math.min(MAX_TIMER_MS, Math.max(0, Number.isNaN(requestedMs) ? 0 : requestedMs));
    const at = Date.now() + delayMs;
    if (this.#timer !== undefined && this.#dueAt <= at) return;
    clearTimeout(this.#timer);
    this.#dueAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#dueAt = Infinity;
      void this.run().catch(() => undefined);
    }, delayMs);
  }

  #plan(outcome: AttemptOutcome): void {
    this.#waitingOutUnreachable = outcome.kind === 'failed' && UNREACHABLE.has(outcome.failure);
    if (outcome.kind === 'done') {
      this.#failures = 0;
      return;
    }
    const delay =
      outcome.kind === 'busy'
        ? 500 + Math.round(this.#o.random() * 1_000)
        : nextDelay(++this.#failures, this.#o.backoff, this.#o.random(), outcome.retryAfterMs);
    this.#schedule(delay);
    this.#o.onScheduled?.(delay, outcome);
  }
}
