/**
 * The outbox's decisions on faults between the terminal and Kaikukanta (the browser tests run them
 * against real IndexedDB): what keeps a usage pending, what may refuse it, and how long to wait.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiHttpError, ApiProblemError, ApiResponseError, KaikuApiError } from '../api/api-errors.js';
import { createApiClient } from '../api/create-api-client.js';
import { usageFor } from '../api/testing/fixtures.js';
import { makeProblem } from '../schemas/api.js';
import { MAX_RETRY_AFTER_MS, nextDelay } from './backoff.js';
import { classifyFailure, outboxTransport } from './api-transport.js';
import { ONLINE_COOLDOWN_MS, SyncScheduler } from './sync-scheduler.js';
import type { BatchEntry } from './types.js';

afterEach(() => vi.useRealTimers());

describe('classifyFailure on what proxies and hosts really throw', () => {
  it('a failing or empty token provider keeps the usage (auth concerns the terminal, not the usage)', async () => {
    const failing = createApiClient({
      baseUrl: 'https://kaikukanta.test/',
      getToken: () => {
        throw new Error('SSO down');
      },
      transport: () => Promise.reject(new Error('never called')),
    });
    const entry: BatchEntry = { idempotencyKey: 'key-token-1', usage: usageFor('A045198723') };
    const error = await failing.registerBatch([entry]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KaikuApiError);
    expect(classifyFailure(error)).toEqual({ kind: 'transient', code: 'http-401' });
    // Not even the batch split may turn it into a refusal.
    const t = outboxTransport({ registerBatch: () => Promise.reject(error) });
    await expect(t.sendBatch([entry, { ...entry, idempotencyKey: 'key-token-2' }], signal())).rejects.toBe(
      error,
    );
  });

  it('an error status without a problem body (portal, proxy HTML) keeps the usage', () => {
    for (const status of [400, 404, 405, 407, 410, 414, 431]) {
      expect(classifyFailure(new ApiHttpError(status)), String(status)).toEqual({
        kind: 'transient',
        code: `http-${status}`,
      });
    }
    for (const code of ['content-type', 'malformed-json', 'schema', 'truncated'] as const) {
      expect(classifyFailure(new ApiResponseError(code, code)).kind).toBe('transient');
    }
  });

  it('only the contract refuses: a problem body, or invalid-request from the SDK itself', () => {
    expect(classifyFailure(new ApiProblemError(makeProblem(422, 'card-inactive', 'Inactive')))).toEqual({
      kind: 'refused',
      code: 'card-inactive',
      status: 422,
    });
    expect(classifyFailure(new ApiProblemError(makeProblem(404, 'card-not-registered', 'No')))).toMatchObject(
      {
        kind: 'refused',
      },
    );
  });

  it('an unusable Retry-After (negative, NaN) is dropped, not passed on', () => {
    expect(classifyFailure({ code: 'http-429', retryable: true, retryAfterMs: -5 })).toEqual({
      kind: 'transient',
      code: 'http-429',
    });
    expect(classifyFailure({ code: 'http-429', retryable: true, retryAfterMs: Number.NaN })).toEqual({
      kind: 'transient',
      code: 'http-429',
    });
  });
});

const signal = (): AbortSignal => new AbortController().signal;
const entry = (key: string): BatchEntry => ({ idempotencyKey: key, usage: {} as BatchEntry['usage'] });

describe('outboxTransport with answers that do not line up', () => {
  it('matches results by key when they carry keys: a reordered answer marks the right usages', async () => {
    const t = outboxTransport({
      registerBatch: async () => ({
        results: [
          { idempotencyKey: 'c', ok: false, problem: { code: 'card-inactive', status: 422 } },
          { idempotencyKey: 'a', ok: true },
        ],
      }),
    });
    expect(await t.sendBatch([entry('a'), entry('b'), entry('c')], signal())).toEqual([
      { kind: 'accepted' },
      { kind: 'transient', code: 'missing-result' },
      { kind: 'refused', code: 'card-inactive', status: 422 },
    ]);
  });

  it('a key answered twice is trusted for neither answer', async () => {
    const t = outboxTransport({
      registerBatch: async () => [
        { idempotencyKey: 'a', ok: true },
        { idempotencyKey: 'a', ok: false, problem: { code: 'cap-reached', status: 422 } },
      ],
    });
    expect(await t.sendBatch([entry('a'), entry('b')], signal())).toEqual([
      { kind: 'transient', code: 'missing-result' },
      { kind: 'transient', code: 'missing-result' },
    ]);
  });

  it('a proxy 413 (its own body limit) splits the batch; one usage too large alone stays pending', async () => {
    const sizes: number[] = [];
    const t = outboxTransport({
      registerBatch: async (items) => {
        sizes.push(items.length);
        if (items.length > 1 || items[0]?.idempotencyKey === 'huge') throw new ApiHttpError(413);
        return [{ ok: true }];
      },
    });
    await expect(t.sendBatch([entry('huge')], signal())).rejects.toMatchObject({ code: 'http-413' });
    expect(await t.sendBatch([entry('a'), entry('b')], signal())).toEqual([
      { kind: 'accepted' },
      { kind: 'accepted' },
    ]);
    expect(sizes).toEqual([1, 2, 1, 1]);
  });

  it('stops splitting when the run is aborted (a tab closing mid-sync)', async () => {
    const controller = new AbortController();
    let calls = 0;
    const t = outboxTransport({
      registerBatch: async () => {
        calls++;
        if (calls === 1) throw new ApiProblemError(makeProblem(400, 'invalid-request', 'Bad'));
        controller.abort();
        throw new KaikuApiError('aborted', 'cancelled', { retryable: true });
      },
    });
    await expect(t.sendBatch([entry('a'), entry('b'), entry('c')], controller.signal)).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(calls).toBe(2);
  });
});

describe('waits that cannot become tight loops', () => {
  const policy = { baseMs: 1_000, maxMs: 300_000 };
  it('caps a far-future Retry-After at one hour and ignores NaN', () => {
    expect(nextDelay(1, policy, 0, Number.MAX_SAFE_INTEGER)).toBe(MAX_RETRY_AFTER_MS);
    expect(nextDelay(1, policy, 0, Infinity)).toBe(MAX_RETRY_AFTER_MS);
    expect(nextDelay(1, policy, 0, Number.NaN)).toBe(500);
    expect(nextDelay(1, policy, 0, -10)).toBe(500);
  });

  it('a scheduler asked for a delay beyond the 32-bit timer range does not fire at once', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const scheduler = new SyncScheduler({
      attempt: async () => {
        attempts++;
        return { kind: 'failed', failure: 'http-429', retryAfterMs: 0 };
      },
      backoff: { baseMs: 2 ** 40, maxMs: 2 ** 40 },
      random: () => 0,
      auto: true,
    });
    await scheduler.run();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(2 ** 31);
    expect(attempts).toBe(2);
    scheduler.stop();
  });
});

describe('online events from a flapping connection', () => {
  it('sync at once on the first, then at most once per cooldown, with the backoff reset only then', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const scheduler = new SyncScheduler({
      attempt: async () => {
        attempts++;
        return { kind: 'failed', failure: 'network' };
      },
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      random: () => 0,
      auto: true,
    });
    scheduler.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toBe(1);
    for (let i = 0; i < 100; i++) {
      scheduler.online();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(attempts).toBe(1);
    expect(scheduler.failures).toBe(1);
    await vi.advanceTimersByTimeAsync(ONLINE_COOLDOWN_MS);
    expect(attempts).toBe(2); // the one run the burst asked for, after the cooldown
    scheduler.online(); // the cooldown has passed: at once, backoff forgotten
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toBe(3);
    expect(scheduler.failures).toBe(1);
    for (let i = 0; i < 100; i++) {
      scheduler.online();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(attempts).toBe(3);
    scheduler.stop();
  });
});

describe('a web application firewall that blocks one record', () => {
  it('an HTML 400 for a batch splits it: the others go through, the blocked one stays pending', async () => {
    const t = outboxTransport({
      registerBatch: async (items) => {
        if (items.some((i) => i.idempotencyKey === 'blocked')) throw new ApiHttpError(400);
        return items.map((i) => ({ idempotencyKey: i.idempotencyKey, ok: true as const }));
      },
    });
    expect(await t.sendBatch([entry('a'), entry('blocked'), entry('c')], signal())).toEqual([
      { kind: 'accepted' },
      { kind: 'transient', code: 'http-400' },
      { kind: 'accepted' },
    ]);
    // Alone it is simply kept (thrown as transient), never refused.
    await expect(t.sendBatch([entry('blocked')], signal())).rejects.toMatchObject({ code: 'http-400' });
  });

  it('a network failure while splitting stops the split (the rest stays pending)', async () => {
    let calls = 0;
    const t = outboxTransport({
      registerBatch: async () => {
        calls++;
        if (calls === 1) throw new ApiHttpError(400);
        throw new KaikuApiError('network', 'down', { retryable: true });
      },
    });
    await expect(t.sendBatch([entry('a'), entry('b'), entry('c')], signal())).rejects.toMatchObject({
      code: 'network',
    });
    expect(calls).toBe(2);
  });
});
