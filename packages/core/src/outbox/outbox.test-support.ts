// Test helpers for the outbox's browser tests (not exported from the package).
import type { UsageRequest } from '../schemas/api.js';
import type { BatchEntry, ItemOutcome, OutboxTransport } from './types.js';

/** The target of the tests' outboxes (a custom transport has no base URL to derive it from). */
export const TARGET = { baseUrl: 'https://kaikukanta.test/api/' } as const;

let n = 0;
/** A fresh database name per test (idb-keyval's practice). */
export const freshDbName = (label: string): string => `outbox-test-${label}-${Date.now()}-${n++}`;

export function usage(cardId = 'A045198723', childTickets = 0, showName = 'Taikuri Matti'): UsageRequest {
  return {
    venueId: 'teatteri-hilla',
    show: { id: 'show-1', name: showName, start: '2020-02-03T18:00:00+02:00', kind: 'show' },
    cardId,
    childTickets,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2020-02-01T10:00:00+02:00',
  };
}

/**
 * A server stand-in that registers each key once (like the sandbox) and answers per `behave`.
 * `registered` counts registrations per key; `requests` lists every batch sent.
 */
export function fakeServer(
  behave: (entries: readonly BatchEntry[], call: number) => ItemOutcome[] | Error | undefined = () =>
    undefined,
) {
  const registered = new Map<string, number>();
  const requests: BatchEntry[][] = [];
  const transport: OutboxTransport = {
    async sendBatch(entries) {
      requests.push([...entries]);
      const answer = behave(entries, requests.length);
      if (answer instanceof Error) throw answer;
      const outcomes = answer ?? entries.map((): ItemOutcome => ({ kind: 'accepted' }));
      entries.forEach((e, i) => {
        if (outcomes[i]?.kind === 'accepted' && !registered.has(e.idempotencyKey))
          registered.set(e.idempotencyKey, 1);
      });
      return outcomes;
    },
  };
  return { transport, registered, requests };
}

/** The seeded inactive card: `refusingInactive` refuses it. */
export const INACTIVE_CARD = 'A999005380';

/** A `fakeServer` that refuses the inactive card (`card-inactive`, 422) and accepts every other usage. */
export const refusingInactive = () =>
  fakeServer((entries) =>
    entries.map((e): ItemOutcome =>
      e.usage.cardId === INACTIVE_CARD
        ? { kind: 'refused', code: 'card-inactive', status: 422 }
        : { kind: 'accepted' },
    ),
  );

/** An error shaped like the API client's (`retryable`, `status`, `retryAfterMs`). */
export function apiError(
  code: string,
  retryable: boolean,
  extra: { status?: number; retryAfterMs?: number } = {},
): Error {
  return Object.assign(new Error(code), { code, retryable, ...extra });
}

export function nextEvent<T extends Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(type, (e) => resolve(e as T), { once: true }));
}

/**
 * What `write` rejects with while every IndexedDB `put` throws `QuotaExceededError` (a full disk); `put` is
 * restored after it.
 */
export async function rejectionWithFullDisk(write: () => Promise<unknown>): Promise<unknown> {
  const original = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () {
    throw new DOMException('Quota exceeded', 'QuotaExceededError');
  } as typeof original;
  try {
    await write();
  } catch (e) {
    return e;
  } finally {
    IDBObjectStore.prototype.put = original;
  }
  return undefined;
}
