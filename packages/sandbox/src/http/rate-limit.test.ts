import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('lets a burst through, then asks to wait until a token is back, per client', () => {
    let t = 0;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 }, () => t);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    // Another client has its own bucket.
    expect(limiter.take('b')).toBe(0);
    t = 499;
    expect(limiter.take('a')).toBe(1);
    // A refused request takes nothing: one second at 2/s gives two requests back.
    t = 1000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
  });

  it('says how many whole seconds to wait at a slow rate, and refills no higher than the burst', () => {
    let t = 0;
    const limiter = createRateLimiter({ perSecond: 0.2 }, () => t);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(5);
    t = 60_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(5);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => createRateLimiter({ perSecond: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ perSecond: Number.NaN })).toThrow(RangeError);
  });
});
