/**
 * Per-client rate limiting for the sandbox (off by default): a token bucket per bearer token, so an integrator can
 * see the contract's `429 rate-limited` + `Retry-After` and check that their client backs off.
 */
export type RateLimitOptions = {
  /** Requests a client may make per second, sustained. */
  readonly perSecond: number;
  /** Requests a client may make at once after a quiet spell; default `perSecond`. */
  readonly burst?: number;
  /**
   * Requests all clients at one network address may make per second together (bursts of four times `burst`), so
   * rotating tokens does not evade the limit; default four times `perSecond` (a few terminals behind one address).
   */
  readonly perAddress?: number;
};

/** At most this many clients are remembered; the least recently seen are forgotten first. */
const MAX_CLIENTS = 10_000;

/**
 * A token bucket per client: `take(client)` takes one request from its bucket and gives 0 when it may go, else the
 * whole seconds to wait (`Retry-After`).
 *
 * @example
 * const limiter = createRateLimiter({ perSecond: 5 });
 * if (limiter.take(token) > 0) answer429();
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number = () => performance.now()) {
  const rate = options.perSecond;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError('perSecond must be a positive number');
  const burst = Math.max(1, options.burst ?? rate);
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(client: string): number {
      const t = now();
      const old = buckets.get(client);
      const bucket = old
        ? { tokens: Math.min(burst, old.tokens + ((t - old.at) / 1000) * rate), at: t }
        : { tokens: burst, at: t };
      // Re-inserted so the Map's order is least recently seen first.
      buckets.delete(client);
      if (buckets.size >= MAX_CLIENTS) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        buckets.set(client, { tokens: bucket.tokens - 1, at: t });
        return 0;
      }
      buckets.set(client, bucket);
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    },
  };
}
