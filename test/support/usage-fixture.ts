// A usage request browser tests queue in a real outbox (one show, one card, no children).
export const USAGE = {
  venueId: 'teatteri-hilla',
  show: { id: 's1', name: 'Kevätyön uni', start: '2030-03-01T19:00:00+02:00', kind: 'show' },
  cardId: 'A045198723',
  childTickets: 0,
  channel: 'box-office',
  mode: 'booking',
  clientTime: '2030-03-01T18:00:00+02:00',
} as const;
