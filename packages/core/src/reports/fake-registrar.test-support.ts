/**
 * An in-memory stand-in for the batch endpoint, for unit tests of the import: remembers idempotency
 * keys like the server does (a repeated key is `replayed`), and can refuse or fail on demand.
 * Integration tests use the real sandbox instead.
 */
import type { BatchItem, BatchItemResult, BatchResponse } from '../schemas/api.js';
import type { BatchRegistrar } from './types.js';

export type FakeRegistrar = BatchRegistrar & {
  readonly keys: Set<string>;
  readonly calls: BatchItem[][];
};

export function createFakeRegistrar(
  behaviour: {
    refuse?: (item: BatchItem) => string | undefined;
    failOnCall?: number;
  } = {},
): FakeRegistrar {
  const keys = new Set<string>();
  const calls: BatchItem[][] = [];
  return {
    keys,
    calls,
    async registerBatch(items: BatchItem[]): Promise<BatchResponse> {
      calls.push(items);
      if (behaviour.failOnCall === calls.length)
        throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
      const results = items.map((item): BatchItemResult => {
        const refusal = behaviour.refuse?.(item);
        if (refusal) {
          return {
            idempotencyKey: item.idempotencyKey,
            ok: false,
            problem: { type: 'about:blank', title: 'Refused', status: 422, code: refusal },
          };
        }
        const replayed = keys.has(item.idempotencyKey);
        keys.add(item.idempotencyKey);
        return {
          idempotencyKey: item.idempotencyKey,
          ok: true,
          replayed,
          result: {
            usageId: item.idempotencyKey.slice(-12),
            registeredAt: '2020-02-03T10:00:00Z',
            tickets: {
              adult: 1,
              children: item.usage.childTickets,
              groupMembers: 0,
              under16Clients: 0,
              total: 1 + item.usage.childTickets,
            },
            showTally: {
              showId: item.usage.show.id,
              cap: null,
              ticketsGiven: 1,
              remaining: null,
              usages: 1,
              updatedAt: '2020-02-03T10:00:00Z',
            },
          },
        };
      });
      return { results };
    },
  };
}
