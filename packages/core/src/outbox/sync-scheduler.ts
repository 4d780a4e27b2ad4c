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
export function createSyncScheduler(o: SchedulerOptions) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = Infinity;
  let running: Promise<AttemptOutcome> | undefined;
  /** The run during which the server answered another request. */
  let answeredDuring: Promise<AttemptOutcome> | undefined;
  /** The failure the timer now waits out, if it was one of {@link UNREACHABLE}. */
  let waitingOutUnreachable = false;
  let failures = 0;
  let stopped = false;
  let lastOnline = -Infinity;

  const schedule = (requestedMs: number): void => {
    if (stopped || !o.auto) return;
    // Browsers fire a timer beyond 2³¹−1 ms at once: a huge delay must not become a tight loop.
    const delayMs = Math.min(MAX_TIMER_MS, Math.max(0, Number.isNaN(requestedMs) ? 0 : requestedMs));
    const at = Date.now() + delayMs;
    if (timer !== undefined && dueAt <= at) return;
    clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      dueAt = Infinity;
      void run().catch(() => undefined);
    }, delayMs);
  };

  const plan = (outcome: AttemptOutcome): void => {
    waitingOutUnreachable = outcome.kind === 'failed' && UNREACHABLE.has(outcome.failure);
    if (outcome.kind === 'done') {
      failures = 0;
      return;
    }
    const delay =
      outcome.kind === 'busy'
        ? 500 + Math.round(o.random() * 1_000)
        : nextDelay(++failures, o.backoff, o.random(), outcome.retryAfterMs);
    schedule(delay);
    o.onScheduled?.(delay, outcome);
  };

  const run = (): Promise<AttemptOutcome> => {
    if (stopped) return Promise.resolve({ kind: 'failed', failure: 'outbox-stopped' });
    // Asked for during a run: go again when it ends, unless it failed (then its backoff timer decides).
    if (running) {
      void running.then((outcome) => void (outcome.kind === 'done' && schedule(0))).catch(() => undefined);
      return running;
    }
    running = (async () => {
      let outcome: AttemptOutcome = { kind: 'failed', failure: 'storage-failed' };
      try {
        outcome = await o.attempt();
        return outcome;
      } finally {
        running = undefined;
        plan(outcome);
      }
    })();
    return running;
  };

  const online = (): void => {
    const wait = lastOnline + ONLINE_COOLDOWN_MS - Date.now();
    if (wait > 0) return schedule(wait);
    lastOnline = Date.now();
    failures = 0;
    void run().catch(() => undefined);
  };

  const reachable = (): void => {
    // Once per run, however many answers come during it: they say nothing of a run that starts after it.
    if (running && answeredDuring !== running) void (answeredDuring = running).then(reachable, reachable);
    if (running) return;
    if (!waitingOutUnreachable || !o.auto || stopped || failures === 0) return;
    waitingOutUnreachable = false;
    online();
  };

  return {
    run,
    /** A run someone asked for: waits out one in flight (it may fail on what has since recovered), then runs. */
    runFresh: async (): Promise<AttemptOutcome> => {
      if (running) await running.catch(() => undefined);
      return run();
    },
    /** Sync in the next task, unless a run is already due then. */
    soon: () => schedule(0),
    /** The browser is online: forget failures and sync now, at most once per {@link ONLINE_COOLDOWN_MS}. */
    online,
    /** The server answered: a run backing off from a network failure goes now (rechecked after a current run). */
    reachable,
    get failures() {
      return failures;
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
