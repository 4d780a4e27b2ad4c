// The services' one decision (`decideWithCore`): what every services implementation's `decide` asks.
import { describe, expect, it } from 'vitest';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { decideWithCore } from './usage-mapping.js';
import type { DecideInput } from './types.js';

const input: DecideInput = {
  card: {
    id: 'A045198723',
    kind: 'client',
    status: 'active',
    validUntil: '2030-12-31',
    minors: 2,
    fromCache: false,
  },
  show: { id: 's1', name: 'Uni', start: '2030-03-01T19:00:00+02:00', kind: 'show' },
  mode: 'booking',
  request: { children: 0, groupCardIds: [], under16: 0 },
  cap: undefined,
  now: new Date('2030-03-01T12:00:00+02:00'),
  earlier: [],
};
/** A usage kept on this device (the outbox's, the register's). */
const kept = (cardId: string, showId: string): UsageRequest => ({
  venueId: 'v1',
  show: { id: showId, name: 'Uni', start: input.show.start, kind: 'show' },
  cardId,
  childTickets: 0,
  channel: 'box-office',
  mode: 'booking',
  clientTime: '2030-03-01T11:00:00+02:00',
  terminal: 'Kassa 1',
});
const codes = (d: ReturnType<typeof decideWithCore>) => (d.ok ? [] : d.reasons.map((r) => r.code));

describe('decideWithCore', () => {
  it("counts a kept usage of the card for the show as earlier (the register's, the outbox's), no other", () => {
    expect(codes(decideWithCore(input))).toEqual([]);
    expect(codes(decideWithCore(input, [kept('A999005458', 's1'), kept('A045198723', 's2')]))).toEqual([]);
    expect(codes(decideWithCore(input, [kept('A045198723', 's1')]))).toEqual(['already-used']);
  });
});
