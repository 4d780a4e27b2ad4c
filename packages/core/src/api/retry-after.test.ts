/** Retry-After: in seconds or as an HTTP-date, on 409, 429 and 503, waited out when short, reported when long. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpResponse } from 'msw';
import type { ApiHttpError, ApiProblemError } from './api-errors.js';
import { parseRetryAfter } from './retry-policy.js';
import { problemResponse } from './testing/mock-api.js';
import { makeProblem } from '../schemas/api.js';
import {
  answerOn,
  CARD_URL,
  caught,
  register,
  testClient,
  usageResult,
  USAGES_URL,
  useMswServer,
} from './testing/msw-helpers.js';
import { activeCard } from './testing/fixtures.js';

afterEach(() => vi.restoreAllMocks());
const answer = answerOn(useMswServer());
const client = testClient;

describe('parsing', () => {
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

  it('a date in the past retries at once; a far-future date is reported, not slept on', async () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    const date = 'Sat, 21 Nov 2026 10:00:00 GMT';
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now + 5 * 3_600_000, date)).toBe(0);
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now, date)).toBeGreaterThan(1e14);
    // The obsolete forms RFC 9110 still requires recipients to accept.
    expect(parseRetryAfter('Saturday, 21-Nov-26 10:00:30 GMT', now, date)).toBe(30_000);
    expect(parseRetryAfter('Sat Nov 21 10:00:30 2026', now, date)).toBe(30_000);
    const calls = answer(
      'post',
      USAGES_URL,
      () =>
        new HttpResponse(null, { status: 503, headers: { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' } }),
    );
    const error = await caught(register());
    expect(error.code).toBe('http-503');
    expect(calls.count).toBe(1);
  });

  it('garbage is ignored (normal backoff), also text V8 would read as some date', async () => {
    const now = Date.now();
    for (const junk of ['soon', 'later 5', 'x 12', '2026-11-21', '1e3', '-1', '3.5', 'Infinity', '']) {
      expect(parseRetryAfter(junk, now), junk).toBeUndefined();
    }
    // An absurd number of seconds is "very long", never a number that overflows to a tight loop.
    expect(parseRetryAfter('99999999999999999999999', now)).toBe(Number.MAX_SAFE_INTEGER);
    const calls = answer(
      'post',
      USAGES_URL,
      () => new HttpResponse(null, { status: 503, headers: { 'retry-after': 'x 12' } }),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({ usageId: '00000000-0000-4000-8000-000000000001' });
    expect(calls.count).toBe(2);
  });
});

describe('waiting it out', () => {
  it('409 in progress is retried for a keyed request until the first one finished', async () => {
    const calls = answer(
      'post',
      USAGES_URL,
      () => problemResponse(makeProblem(409, 'idempotency-key-in-progress', 'Busy'), { 'retry-after': '0' }),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({
      usageId: '00000000-0000-4000-8000-000000000001',
      replayed: false,
    });
    expect(calls.count).toBe(2);
    answer('post', USAGES_URL, () =>
      problemResponse(makeProblem(409, 'idempotency-key-in-progress', 'Busy'), { 'retry-after': '600' }),
    );
    const error = await caught(register());
    expect((error as ApiProblemError).retryAfterMs).toBe(600_000);
    expect(error.retryable).toBe(true);
  });

  it('429 with Retry-After in seconds is honoured (0 s → retried at once)', async () => {
    const calls = answer(
      'post',
      USAGES_URL,
      () => problemResponse(makeProblem(429, 'rate-limited', 'Slow down'), { 'retry-after': '0' }),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({ usageId: '00000000-0000-4000-8000-000000000001' });
    expect(calls.count).toBe(2);
  });

  it('429 with a Retry-After longer than allowed is thrown with the wait, not slept on', async () => {
    const calls = answer('post', USAGES_URL, () =>
      problemResponse(makeProblem(429, 'rate-limited', 'Slow down'), { 'retry-after': '120' }),
    );
    const error = await caught(register(client({ retry: { maxRetryAfterMs: 5000 } })));
    expect(error.code).toBe('http-429');
    expect(error.retryable).toBe(true);
    expect((error as ApiHttpError).retryAfterMs).toBe(120_000);
    expect(calls.count).toBe(1);
  });

  it('429 with an HTTP-date Retry-After is honoured', async () => {
    const past = new Date(Date.now() - 1000).toUTCString();
    const calls = answer(
      'post',
      USAGES_URL,
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': past } }),
      usageResult,
    );
    await expect(register()).resolves.toMatchObject({ usageId: '00000000-0000-4000-8000-000000000001' });
    expect(calls.count).toBe(2);
    const future = new Date(Date.now() + 3_600_000).toUTCString();
    answer(
      'post',
      USAGES_URL,
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': future } }),
    );
    const error = await caught(register());
    expect((error as ApiHttpError).retryAfterMs).toBeGreaterThan(3_500_000);
  });

  it('a read the server asks to repeat shortly (429/503 + Retry-After ≤ 5 s) is repeated, up to the limit', async () => {
    const limited = () =>
      problemResponse(makeProblem(429, 'rate-limited', 'Slow down'), { 'retry-after': '0' });
    const calls = answer('post', CARD_URL, limited, () => HttpResponse.json(activeCard));
    await expect(client().lookupCard('A045198723')).resolves.toMatchObject({ id: 'A045198723' });
    expect(calls.count).toBe(2);
    const always = answer('post', CARD_URL, () =>
      HttpResponse.text('busy', { status: 503, headers: { 'retry-after': '0' } }),
    );
    expect((await caught(client({ retry: { limit: 2 } }).lookupCard('A045198723'))).code).toBe('http-503');
    expect(always.count).toBe(3);
    // A longer wait is the caller's decision: thrown at once, with the wait.
    const long = answer('post', CARD_URL, () =>
      problemResponse(makeProblem(429, 'rate-limited', 'Slow down'), { 'retry-after': '30' }),
    );
    const error = await caught(client().lookupCard('A045198723'));
    expect(error.code).toBe('http-429');
    expect((error as ApiHttpError).retryAfterMs).toBe(30_000);
    expect(long.count).toBe(1);
  });

  it('is measured against the response Date, not the terminal clock (3 h behind)', async () => {
    const serverNow = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(serverNow - 3 * 3_600_000);
    answer(
      'post',
      USAGES_URL,
      () =>
        new HttpResponse('busy', {
          status: 429,
          headers: {
            date: new Date(serverNow).toUTCString(),
            'retry-after': new Date(serverNow + 60_000).toUTCString(),
          },
        }),
    );
    const error = await caught(register(client({ retry: { maxRetryAfterMs: 1_000 } })));
    expect((error as ApiHttpError).retryAfterMs).toBeGreaterThanOrEqual(59_000);
    expect((error as ApiHttpError).retryAfterMs).toBeLessThanOrEqual(61_000);
  });
});
