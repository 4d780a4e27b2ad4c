import { describe, expect, it } from 'vitest';
import { checkCardWithFallback, type CardFacts } from './offline-check.js';
import { ApiHttpError, ApiNetworkError } from '../api/api-errors.js';

const cached = { id: 'A045198723', status: 'active', validUntil: '2030-01-01', minors: 2, seenAt: 0 };

function deps(error: unknown) {
  return {
    lookup: (): Promise<CardFacts> => Promise.reject(error),
    cacheGet: () => Promise.resolve(cached),
    cachePut: () => Promise.resolve(),
    policy: 'accept-provisionally' as const,
  };
}

describe('checkCardWithFallback', () => {
  it('decides from the cache when the server cannot be reached', async () => {
    const check = await checkCardWithFallback('A045198723', deps(new ApiNetworkError()));
    expect(check).toMatchObject({ ok: true, source: 'cache', provisional: true, failure: 'network' });
  });

  it.each([401, 403])('rethrows HTTP %i: a failed sign-in is not being offline', async (status) => {
    const error = new ApiHttpError(status);
    await expect(checkCardWithFallback('A045198723', deps(error))).rejects.toBe(error);
  });

  it('rethrows a token provider that fails (the client reports it as http-401)', async () => {
    const error = Object.assign(new Error('token'), { code: 'http-401', retryable: false });
    await expect(checkCardWithFallback('A045198723', deps(error))).rejects.toBe(error);
  });
});
