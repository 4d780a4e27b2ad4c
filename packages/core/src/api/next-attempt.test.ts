import { describe, expect, it } from 'vitest';
import {
  ApiAbortError,
  ApiHttpError,
  ApiNetworkError,
  ApiProblemError,
  ApiRequestError,
  ApiResponseError,
  ApiTimeoutError,
  KaikuApiError,
} from './api-errors.js';
import { nextAttempt, resolveRetry } from './retry-policy.js';
import type { AttemptState, NextAttempt } from './retry-policy.js';
import { makeProblem } from '../schemas/api.js';

const retry = resolveRetry({ limit: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 });
const keyed = { keyed: true, retry };
const read = { keyed: false, retry };
const fresh: AttemptState = { retries: 0, refreshed: false };
const half = () => 0.5;

const problem = (status: number, code: string, retryAfterMs?: number) =>
  new ApiProblemError(makeProblem(status, code, code), retryAfterMs === undefined ? {} : { retryAfterMs });
const http = (status: number, retryAfterMs?: number) =>
  new ApiHttpError(status, retryAfterMs === undefined ? {} : { retryAfterMs });

const RETRY = (afterMs: number): NextAttempt => ({ kind: 'retry', afterMs });
const GIVE_UP: NextAttempt = { kind: 'give-up' };
const REFRESH: NextAttempt = { kind: 'refresh-token' };

describe('nextAttempt', () => {
  const table: [string, unknown, AttemptState, typeof keyed, NextAttempt][] = [
    // keyed (a usage with its idempotency key): every transient failure is resent, with backoff
    ['keyed network error, first retry', new ApiNetworkError(), fresh, keyed, RETRY(50)],
    [
      'keyed timeout, third retry',
      new ApiTimeoutError(10),
      { retries: 2, refreshed: false },
      keyed,
      RETRY(200),
    ],
    ['keyed 503, no retries left', http(503), { retries: 3, refreshed: false }, keyed, GIVE_UP],
    ['keyed 502 after a refresh still retries', http(502), { retries: 0, refreshed: true }, keyed, RETRY(50)],
    ['keyed 429 Retry-After 2 s', http(429, 2000), fresh, keyed, RETRY(2000)],
    ['keyed 429 Retry-After beyond the maximum', http(429, 61_000), fresh, keyed, GIVE_UP],
    [
      'keyed 409 in progress with Retry-After',
      problem(409, 'idempotency-key-in-progress', 1000),
      fresh,
      keyed,
      RETRY(1000),
    ],
    [
      'keyed 409 in progress without Retry-After',
      problem(409, 'idempotency-key-in-progress'),
      fresh,
      keyed,
      RETRY(50),
    ],
    [
      'keyed truncated body (the key replays it)',
      new ApiResponseError('truncated', 't'),
      fresh,
      keyed,
      RETRY(50),
    ],
    ['keyed 2xx HTML (captive portal)', new ApiResponseError('content-type', 'c'), fresh, keyed, GIVE_UP],
    ['keyed malformed JSON', new ApiResponseError('malformed-json', 'm'), fresh, keyed, GIVE_UP],
    ['keyed schema mismatch', new ApiResponseError('schema', 's'), fresh, keyed, GIVE_UP],
    ['keyed answer too large', new ApiResponseError('response-too-large', 'l'), fresh, keyed, GIVE_UP],
    ['keyed rules refusal (422)', problem(422, 'cap-reached'), fresh, keyed, GIVE_UP],
    ['keyed 404 card not registered', problem(404, 'card-not-registered'), fresh, keyed, GIVE_UP],
    ['keyed invalid request (nothing sent)', new ApiRequestError([]), fresh, keyed, GIVE_UP],
    ['caller aborted', new ApiAbortError(), fresh, keyed, GIVE_UP],
    ['not an API error', new TypeError('bug'), fresh, keyed, GIVE_UP],
    // the token: one refresh, whatever the request
    ['401 first time (keyed)', http(401), fresh, keyed, REFRESH],
    ['401 first time (read)', http(401), fresh, read, REFRESH],
    [
      '401 with no retries left still refreshes once',
      http(401),
      { retries: 3, refreshed: false },
      keyed,
      REFRESH,
    ],
    ['401 after a refresh', http(401), { retries: 0, refreshed: true }, keyed, GIVE_UP],
    ['token provider failed', new KaikuApiError('http-401', 'no token'), fresh, read, REFRESH],
    ['403 is not a token problem', http(403), fresh, keyed, GIVE_UP],
    // reads: only when the server asks, shortly
    ['read network error (offline: fail fast)', new ApiNetworkError(), fresh, read, GIVE_UP],
    ['read 503 without Retry-After', http(503), fresh, read, GIVE_UP],
    ['read 503 Retry-After 0', http(503, 0), fresh, read, RETRY(0)],
    ['read 429 Retry-After 5 s', http(429, 5000), fresh, read, RETRY(5000)],
    ['read 429 Retry-After 6 s', http(429, 6000), fresh, read, GIVE_UP],
    [
      'read 429 Retry-After 1 s, no retries left',
      http(429, 1000),
      { retries: 3, refreshed: false },
      read,
      GIVE_UP,
    ],
  ];

  it.each(table)('%s', (_name, error, state, plan, expected) => {
    expect(nextAttempt(error, state, plan, half)).toEqual(expected);
  });

  it('backs off exponentially with full jitter, capped by maxDelayMs', () => {
    const delays = [0, 1, 2, 3, 4, 5].map((retries) =>
      nextAttempt(
        new ApiNetworkError(),
        { retries, refreshed: false },
        { keyed: true, retry: resolveRetry({ limit: 9, baseDelayMs: 100, maxDelayMs: 1000 }) },
        () => 1,
      ),
    );
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000].map(RETRY));
  });

  it('a retry limit of 0 never retries, not even what the server asks for', () => {
    const none = { keyed: true, retry: resolveRetry(0) };
    expect(nextAttempt(http(503, 0), fresh, none, half)).toEqual(GIVE_UP);
    expect(nextAttempt(http(401), fresh, none, half)).toEqual(REFRESH);
  });
});
