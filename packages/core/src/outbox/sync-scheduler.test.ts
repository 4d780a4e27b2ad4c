import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncScheduler } from './sync-scheduler.js';
import type { AttemptOutcome } from './sync-scheduler.js';

describe('SyncScheduler', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const setup = (outcomes: AttemptOutcome[], auto = true) => {
    const scheduled: number[] = [];
    let calls = 0;
    const s = new SyncScheduler({
      attempt: async () => outcomes[Math.min(calls++, outcomes.length - 1)]!,
      backoff: { baseMs: 1_000, maxMs: 8_000 },
      random: () => 1,
      auto,
      onScheduled: (ms) => scheduled.push(ms),
    });
    return { s, scheduled, calls: () => calls };
  };

  it('retries failures on a doubling, capped timer and honours Retry-After', async () => {
    const failed: AttemptOutcome = { kind: 'failed', failure: 'network' };
    const { s, scheduled, calls } = setup([
      failed,
      failed,
      failed,
      failed,
      failed,
      { kind: 'failed', failure: 'http-429', retryAfterMs: 30_000 },
      { kind: 'done' },
    ]);
    await s.run();
    for (let i = 0; i < 6; i++) await vi.advanceTimersToNextTimerAsync();
    expect(scheduled).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 30_000]);
    expect(calls()).toBe(7);
    expect(s.failures).toBe(0); // reset by the success
  });

  it('looks again about a second later when another tab holds the lock', async () => {
    const { s, scheduled } = setup([{ kind: 'busy' }, { kind: 'done' }]);
    await s.run();
    expect(scheduled[0]).toBeGreaterThanOrEqual(500);
    expect(scheduled[0]).toBeLessThanOrEqual(1_500);
  });

  it('joins a run in progress and runs once more after a success, not after a failure', async () => {
    const { s, calls } = setup([{ kind: 'done' }, { kind: 'done' }]);
    const a = s.run();
    const b = s.run();
    expect(a).toBe(b);
    await a;
    await vi.advanceTimersByTimeAsync(0);
    expect(calls()).toBe(2);
    const failing = setup([{ kind: 'failed', failure: 'network' }]);
    const c = failing.s.run();
    void failing.s.run();
    await c;
    await vi.advanceTimersByTimeAsync(10);
    expect(failing.calls()).toBe(1); // the 1 s backoff decides, not the rerun request
  });

  it('a run asked for during a failing run attempts afresh instead of reporting the old failure', async () => {
    const { s, calls } = setup([{ kind: 'failed', failure: 'network' }, { kind: 'done' }]);
    const automatic = s.run();
    const asked = s.runFresh();
    expect(await automatic).toEqual({ kind: 'failed', failure: 'network' });
    expect(await asked).toEqual({ kind: 'done' });
    expect(calls()).toBe(2);
    expect(s.failures).toBe(0);
  });

  it('never schedules by itself in manual mode, and nothing after stop()', async () => {
    const manual = setup([{ kind: 'failed', failure: 'network' }], false);
    await manual.s.run();
    manual.s.soon();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manual.calls()).toBe(1);
    expect(manual.scheduled).toEqual([1_000]); // still reported, for the app to act on
    const auto = setup([{ kind: 'failed', failure: 'network' }]);
    await auto.s.run();
    auto.s.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(auto.calls()).toBe(1);
    expect(await auto.s.run()).toEqual({ kind: 'failed', failure: 'outbox-stopped' });
  });

  it('resets the backoff when the browser is back online', async () => {
    const { s, scheduled } = setup([{ kind: 'failed', failure: 'network' }]);
    await s.run();
    await s.run();
    expect(s.failures).toBe(2);
    s.online();
    await s.runFresh(); // waits for the run `online` started
    expect(scheduled.slice(0, 3)).toEqual([1_000, 2_000, 1_000]);
  });

  describe('the server answering another request (reachable)', () => {
    const network: AttemptOutcome = { kind: 'failed', failure: 'network' };

    it('cuts a network or timeout backoff short: the run goes at once, not on the timer', async () => {
      for (const failure of ['network', 'timeout']) {
        const { s, calls } = setup([{ kind: 'failed', failure }, { kind: 'done' }]);
        await s.run();
        s.reachable();
        await vi.advanceTimersByTimeAsync(0);
        expect(calls()).toBe(2);
        expect(s.failures).toBe(0);
        s.stop();
      }
    });

    it('keeps the timer of a server that asked to wait, of a busy lock, and of a done run', async () => {
      const outcomes: AttemptOutcome[] = [
        { kind: 'failed', failure: 'http-503', retryAfterMs: 30_000 },
        { kind: 'busy' },
        { kind: 'done' },
      ];
      for (const outcome of outcomes) {
        const { s, calls } = setup([outcome]);
        await s.run();
        s.reachable();
        await vi.advanceTimersByTimeAsync(0);
        expect(calls()).toBe(1);
        s.stop();
      }
    });

    /** A scheduler whose first attempt the test ends (`release`); later attempts are done at once. */
    const held = () => {
      let release!: (o: AttemptOutcome) => void;
      let calls = 0;
      const s = new SyncScheduler({
        attempt: () => {
          calls += 1;
          return calls === 1
            ? new Promise<AttemptOutcome>((r) => (release = r))
            : Promise.resolve({ kind: 'done' });
        },
        backoff: { baseMs: 60_000, maxMs: 60_000 },
        random: () => 1,
        auto: true,
      });
      return { s, release: (o: AttemptOutcome) => release(o), calls: () => calls };
    };

    it('during a run that then fails on the network, a fresh run follows at once', async () => {
      const { s, release, calls } = held();
      const first = s.run();
      s.reachable(); // answered while the send was still under way
      release(network);
      await first;
      await vi.advanceTimersByTimeAsync(0);
      expect(calls()).toBe(2);
      expect(s.failures).toBe(0);
      s.stop();
    });

    it('counts answers during a run once: a fresh run that fails on the network keeps its backoff', async () => {
      let calls = 0;
      let release!: (o: AttemptOutcome) => void;
      const s = new SyncScheduler({
        attempt: () => {
          calls += 1;
          return calls === 1 ? new Promise<AttemptOutcome>((r) => (release = r)) : Promise.resolve(network);
        },
        backoff: { baseMs: 60_000, maxMs: 60_000 },
        random: () => 1,
        auto: true,
      });
      const first = s.run();
      s.reachable(); // two answers while the send was still under way
      s.reachable();
      release(network);
      await first;
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toBe(2); // the fresh run, which fails on the network too
      await vi.advanceTimersByTimeAsync(30_000);
      expect(calls).toBe(2); // its 60 s backoff holds: nothing answered since it failed
      s.stop();
    });

    it('during a run that succeeds, nothing more; in manual mode or after stop(), never', async () => {
      const { s, release, calls } = held();
      const first = s.run();
      s.reachable();
      release({ kind: 'done' });
      await first;
      await vi.advanceTimersByTimeAsync(0);
      expect(calls()).toBe(1);
      s.stop();

      const manual = setup([network], false);
      await manual.s.run();
      manual.s.reachable();
      await vi.advanceTimersByTimeAsync(0);
      expect(manual.calls()).toBe(1);

      const stopped = setup([network]);
      await stopped.s.run();
      stopped.s.stop();
      stopped.s.reachable();
      await vi.advanceTimersByTimeAsync(0);
      expect(stopped.calls()).toBe(1);
    });
  });
});
