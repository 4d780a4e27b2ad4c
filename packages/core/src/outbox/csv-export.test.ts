import { describe, expect, it } from 'vitest';
import { csvCell, toUsageReportCsv } from './csv-export.js';
import type { OutboxRecord } from './types.js';

const record = (
  cardId: string,
  childTickets: number,
  name: string,
  start: string,
  acceptance: OutboxRecord['acceptance'] = 'provisional',
): OutboxRecord => ({
  id: `${cardId}-id`,
  usage: {
    venueId: 'teatteri-hilla',
    show: { id: name, name, start, kind: 'show' },
    cardId,
    childTickets,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2020-02-01T10:00:00+02:00',
  },
  state: 'pending',
  acceptance,
  createdAt: 0,
  attempts: 0,
});

describe('toUsageReportCsv', () => {
  it('reproduces the operating model example report, with totals', () => {
    const csv = toUsageReportCsv(
      [
        record('E2251', 2, 'Taikuri Matti', '2020-02-03T18:00:00+02:00', 'online'),
        record('50141', 2, 'Kesäyöntaika', '2020-02-09T13:00:00+02:00'),
      ],
      { bom: false },
    );
    expect(csv).toBe(
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Tarkistus\r\n' +
        'E2251;1;2;Taikuri Matti;3.2.2020;verkossa\r\n' +
        '50141;1;2;Kesäyöntaika;9.2.2020;alustava\r\n' +
        'Yhteensä;2;4;;;\r\n',
    );
  });

  it('dates the show in Helsinki time, not UTC (a 00:30 show is on its own day)', () => {
    const csv = toUsageReportCsv([record('A045198723', 0, 'Yönäytös', '2024-06-30T21:30:00Z')], {
      bom: false,
    });
    expect(csv).toContain(';1.7.2024;alustava\r\n');
  });

  it('has Swedish and English headers, a BOM by default and a chosen separator', () => {
    const sv = toUsageReportCsv([], { locale: 'sv' });
    expect(sv.startsWith('\uFEFFKortnummer;')).toBe(true);
    expect(sv).toContain('Totalt;0;0;;;');
    const en = toUsageReportCsv([record('A1', 1, 'Show, with comma', '2020-02-03T18:00:00+02:00')], {
      locale: 'en',
      separator: ',',
      bom: false,
    });
    expect(en.split('\r\n')[0]).toBe('Card ID,Adult tickets,Child tickets,Show,Date,Check');
    expect(en).toContain('A1,1,1,"Show, with comma",3.2.2020,provisional');
  });

  it('neutralizes spreadsheet formulas in show names', () => {
    const csv = toUsageReportCsv(
      [record('A1', 0, '=HYPERLINK("http://x","y")', '2020-02-03T18:00:00+02:00')],
      {
        bom: false,
      },
    );
    expect(csv).toContain(`;"'=HYPERLINK(""http://x"",""y"")";`);
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1`, ';').includes(`'${start}1`)).toBe(true);
    expect(csvCell('plain', ';')).toBe('plain');
    expect(csvCell('two\nlines', ';')).toBe('"two\nlines"');
  });
});
