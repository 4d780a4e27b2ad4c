import type { CardRecord, UsageRequest } from '../../schemas/api.js';

/** Shared fixtures of the API client's unit tests (not exported from the package). */
export const BASE = 'https://kaikukanta.test/api/';

export const activeCard: CardRecord = {
  id: 'A045198723',
  prefix: 'A',
  kind: 'client',
  status: 'active',
  validUntil: '2027-06-30',
  minors: 2,
};

export const communityCard: CardRecord = {
  id: 'Y110029399',
  prefix: 'Y',
  kind: 'community',
  status: 'active',
  validUntil: '2027-01-31',
  minors: 0,
};

export function usageFor(cardId: string, overrides: Partial<UsageRequest> = {}): UsageRequest {
  return {
    venueId: 'teatteri-hilla',
    show: {
      id: 'taikuri-matti-2026-12-03',
      name: 'Taikuri Matti',
      start: '2026-12-03T18:00:00+02:00',
      kind: 'show',
    },
    cardId,
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2026-11-21T10:00:00Z',
    ...overrides,
  };
}
