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
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti;Tarkistus;Lähetyksen tila\r\n' +
        'E2251;1;2;Taikuri Matti;3.2.2020;18:00;varaus;;verkossa;odottaa\r\n' +
        '50141;1;2;Kesäyöntaika;9.2.2020;13:00;varaus;;alustava;odottaa\r\n' +
        'Yhteensä;2;4;;;;;;;\r\n',
    );
  });

  it('dates the show in Helsinki time, not UTC (a 00:30 show is on its own day)', () => {
    const csv = toUsageReportCsv([record('A045198723', 0, 'Yönäytös', '2024-06-30T21:30:00Z')], {
      bom: false,
    });
    expect(csv).toContain(';1.7.2024;00:30;varaus;;alustava;odottaa\r\n');
  });

  it('has Swedish and English headers, a BOM by default and a chosen separator', () => {
    const sv = toUsageReportCsv([], { locale: 'sv' });
    expect(sv.startsWith('\uFEFFKortnummer;')).toBe(true);
    expect(sv).toContain('Totalt;0;0;;;;;;;\r\n');
    const en = toUsageReportCsv([record('A1', 1, 'Show, with comma', '2020-02-03T18:00:00+02:00')], {
      locale: 'en',
      separator: ',',
      bom: false,
    });
    expect(en.split('\r\n')[0]).toBe(
      'Card ID,Adult tickets,Child tickets,Show,Date,Time,Mode,Group visit,Check,Sync status',
    );
    expect(en).toContain('A1,1,1,"Show, with comma",3.2.2020,18:00,booking,,provisional,pending');
  });

  it("writes a group visit as the worker's row and one row per member, linked by the record's ID", () => {
    const visit: OutboxRecord = {
      ...record('Y110029399', 0, 'Ryhmä', '2020-02-03T18:00:00+02:00', 'online'),
      usage: {
        ...record('Y110029399', 0, 'Ryhmä', '2020-02-03T18:00:00+02:00').usage,
        mode: 'collection',
        group: { memberCardIds: ['A999005458', 'X000011986'], under16Clients: 3 },
      },
      state: 'needs-attention',
    };
    const csv = toUsageReportCsv([visit], { bom: false, locale: 'en', separator: ',' });
    expect(csv.split('\r\n').slice(1)).toEqual([
      'Y110029399,1,3,Ryhmä,3.2.2020,18:00,collection,Y110029399-id,online,needs attention',
      'A999005458,1,0,Ryhmä,3.2.2020,18:00,collection,Y110029399-id,online,needs attention',
      'X000011986,1,0,Ryhmä,3.2.2020,18:00,collection,Y110029399-id,online,needs attention',
      'Total,3,3,,,,,,,',
      '',
    ]);
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
