// The page's clock under clock changes (issue 61.8): set back it goes on; asleep (a monotonic clock standing still) it
// follows the wall clock.
import { describe, expect, it } from 'vitest';
import { steadyClock } from './steady-clock.js';

describe('steadyClock', () => {
  const MIN = 60_000;
  it('goes on when the device clock is set back', () => {
    let [wall, mono] = [1_000 * MIN, 1_000 * MIN];
    const now = steadyClock(
      () => wall,
      () => mono,
    );
    const created = now();
    [wall, mono] = [wall + 20 * MIN - 20 * MIN, mono + 20 * MIN]; // 20 minutes on, the clock set back 20 minutes
    expect(now() - created).toBe(20 * MIN);
  });

  it('goes on while the monotonic clock stood still (the device slept), and follows a clock set ahead', () => {
    let wall = 1_000 * MIN;
    const now = steadyClock(
      () => wall,
      () => 1_000 * MIN,
    );
    wall += 60 * MIN;
    expect(now()).toBe(1_060 * MIN);
  });

  it('reads the real clocks by default', () => {
    const before = Date.now();
    expect(steadyClock()()).toBeGreaterThanOrEqual(before);
  });
});
