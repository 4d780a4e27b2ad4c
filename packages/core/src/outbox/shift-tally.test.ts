import { describe, expect, it } from 'vitest';
import { countShift, shiftReport, type ShiftUsage } from './shift-tally.js';

const matti = { id: 'hilla-taikuri-matti', name: 'Taikuri Matti', start: '2030-02-03T18:00:00+02:00' };
const uni = { id: 'hilla-uni', name: 'Kesäyön uni', start: '2030-02-09T19:00:00+02:00' };
const usage = (over: Partial<ShiftUsage>): ShiftUsage => ({
  id: `k${Math.random()}`,
  at: '2030-02-03T10:00:00Z',
  state: 'registered',
  cardId: 'A045198723',
  childTickets: 0,
  mode: 'booking',
  show: matti,
  ...over,
});

const shift: ShiftUsage[] = [
  usage({ childTickets: 2 }),
  usage({ cardId: 'A999005458', state: 'queued', childTickets: 1 }),
  usage({ cardId: 'Y110029399', group: { memberCardIds: ['A999005380'], under16Clients: 3 }, show: uni }),
  usage({ cardId: 'A999005416', state: 'refused', childTickets: 1 }),
  usage({ cardId: 'A999991234', state: 'voided', childTickets: 2 }),
  // Yesterday in Helsinki (21:59 UTC on the 2nd is 23:59 there): the show counts it, today does not.
  usage({ cardId: 'A999000001', at: '2030-02-02T21:59:00Z' }),
];

describe('countShift', () => {
  it('counts today and per show: tickets, groups, refusals, waiting; a voided usage nothing', () => {
    const tally = countShift(shift, new Date('2030-02-03T21:30:00Z')); // 23:30 in Helsinki
    expect(tally.today).toEqual({ adults: 4, children: 6, groups: 1, refused: 1, queued: 1 });
    expect(tally.shows.map((s) => [s.id, s.counts])).toEqual([
      ['hilla-taikuri-matti', { adults: 3, children: 3, groups: 0, refused: 1, queued: 1 }],
      ['hilla-uni', { adults: 2, children: 3, groups: 1, refused: 0, queued: 0 }],
    ]);
    // Past midnight in Helsinki (22:00 UTC in winter), today starts again.
    expect(countShift(shift, new Date('2030-02-03T22:00:00Z')).today.adults).toBe(0);
  });
});

describe('shiftReport', () => {
  it("writes the tickets given in the usage report's layout, each show's total, then the shift's", () => {
    const { rows, csv } = shiftReport(shift, 'fi');
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['Kortin tunnus', 'Lippu aikuiselle', 'Lippu lapselle', 'Esityksen nimi', 'Päivämäärä'],
      ['A045198723', 1, 2, 'Taikuri Matti', '3.2.2030'],
      ['A999005458', 1, 1, 'Taikuri Matti', '3.2.2030'],
      ['A999000001', 1, 0, 'Taikuri Matti', '3.2.2030'],
      ['Yhteensä', 3, 3, 'Taikuri Matti', '3.2.2030'],
      ['Y110029399', 1, 3, 'Kesäyön uni', '9.2.2030'],
      ['A999005380', 1, 0, 'Kesäyön uni', '9.2.2030'],
      ['Yhteensä', 2, 3, 'Kesäyön uni', '9.2.2030'],
      ['Yhteensä', 5, 6, '', ''],
    ]);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(csv.split('\r\n')[4]).toBe('Yhteensä;3;3;Taikuri Matti;3.2.2030;18:00;;');
    expect(shiftReport(shift, 'en').csv.split('\r\n')[0]).toMatch(
      /^\uFEFFCard ID,Adult tickets,Child tickets,Show,/,
    );
  });
});
