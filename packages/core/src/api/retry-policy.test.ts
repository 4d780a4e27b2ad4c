import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, resolveRetry } from './retry-policy.js';

describe('retry policy', () => {
  it('defaults, a bare number and negative values', () => {
    expect(resolveRetry(undefined)).toEqual({
      limit: 3,
      baseDelayMs: 300,
      maxDelayMs: 10_000,
      maxRetryAfterMs: 60_000,
    });
    expect(resolveRetry(0).limit).toBe(0);
    expect(resolveRetry({ limit: -2, baseDelayMs: -1 })).toMatchObject({ limit: 0, baseDelayMs: 0 });
  });

  it('backs off exponentially with full jitter, capped', () => {
    const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });

  it('parses Retry-After seconds and HTTP-dates, ignores junk', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
