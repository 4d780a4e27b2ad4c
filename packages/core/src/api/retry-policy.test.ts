import { describe, expect, it } from 'vitest';
import { backoffDelay, resolveRetry } from './retry-policy.js';

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
});
