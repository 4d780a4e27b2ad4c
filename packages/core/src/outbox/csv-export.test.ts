import { describe, expect, it } from 'vitest';
import { toUsageReportCsv } from './csv-export.js';
import { csvCell } from '../reports/usage-report.js';
import { readProblemReasons } from '../messages/server-reason.js';
import { keyedRowChecksum, reportChecksum, reportDetails } from './report-key.js';
import type { OutboxRecord } from './types.js';

const API = 'https://kaikukanta.example/api/';
/** A record's key as the outbox mints it (a UUID), one per card ID of the fixtures. */
const keyOf = (cardId: string): string =>
  `${reportChecksum(cardId).slice(0, 8)}-0000-4000-8000-${reportChecksum(cardId).slice(2, 14)}`;
/** The key and details cells of a record's rows, as CSV with `;`. */
const tail = (r: OutboxRecord, date: string, time: string, sep = ';'): string =>
  `${sep}${r.id}${sep}${csvCell(reportDetails(r, date, time), sep)}`;

const record = (
  cardId: string,
  childTickets: number,
  name: string,
  start: string,
  acceptance: OutboxRecord['acceptance'] = 'provisional',
): OutboxRecord => ({
  id: keyOf(cardId),
  target: { api: API, venueId: 'teatteri-hilla' },
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
    const a = record('E2251', 2, 'Taikuri Matti', '2020-02-03T18:00:00+02:00', 'online');
    const b = record('50141', 2, 'Kesäyöntaika', '2020-02-09T13:00:00+02:00');
    const csv = toUsageReportCsv([a, b], { bom: false });
    expect(csv).toBe(
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti;Tarkistus;Lähetyksen tila;Syy;Kirjaustunniste;Kirjauksen tiedot\r\n' +
        `E2251;1;2;Taikuri Matti;3.2.2020;18:00;varaus;;verkossa;odottaa;${tail(a, '2020-02-03', '18:00')}\r\n` +
        `50141;1;2;Kesäyöntaika;9.2.2020;13:00;varaus;;alustava;odottaa;${tail(b, '2020-02-09', '13:00')}\r\n` +
        'Yhteensä;2;4;;;;;;;;;;\r\n',
    );
  });

  it("carries each record's key and the request's details, bound to its API and venue", () => {
    const r = record('A045198723', 2, 'Taikuri Matti', '2020-02-03T18:00:00+02:00', 'online');
    const csv = toUsageReportCsv([r], { bom: false, locale: 'en', separator: ',' });
    // The last cell, unquoted (RFC 4180: the JSON's quotes are doubled).
    const details: unknown = JSON.parse(/,"(\{.*\})"\r\n/.exec(csv)![1]!.replaceAll('""', '"'));
    expect(csv.split('\r\n')[0]!.endsWith(',Sync status,Reason,Idempotency key,Registration details')).toBe(
      true,
    );
    expect(csv).toContain(`,pending,,${r.id},"{`);
    // Everything the visible cells do not show, without the card ID (that is the card column's).
    expect(details).toEqual({
      v: 1,
      api: API,
      usage: {
        venueId: 'teatteri-hilla',
        show: {
          id: 'Taikuri Matti',
          name: 'Taikuri Matti',
          start: '2020-02-03T18:00:00+02:00',
          kind: 'show',
        },
        childTickets: 2,
        channel: 'box-office',
        mode: 'booking',
        clientTime: '2020-02-01T10:00:00+02:00',
      },
      check: keyedRowChecksum(r.id, r.usage, '2020-02-03', '18:00'),
    });
    expect(JSON.stringify(details)).not.toContain('A045198723');
    // The checksum covers the key, the card, the date and the time, whatever order the request's keys are in.
    const sums = [
      keyedRowChecksum(r.id, r.usage, '2020-02-03', '18:00'),
      keyedRowChecksum(keyOf('x'), r.usage, '2020-02-03', '18:00'),
      keyedRowChecksum(r.id, { ...r.usage, cardId: 'A999005458' }, '2020-02-03', '18:00'),
      keyedRowChecksum(r.id, r.usage, '2020-02-04', '18:00'),
      keyedRowChecksum(r.id, r.usage, '2020-02-03', '18:30'),
    ];
    expect(new Set(sums).size).toBe(5);
    const reordered = Object.fromEntries(Object.entries(r.usage).reverse()) as OutboxRecord['usage'];
    expect(keyedRowChecksum(r.id, reordered, '2020-02-03', '18:00')).toBe(sums[0]);
  });

  it('dates the show in Helsinki time, not UTC (a 00:30 show is on its own day)', () => {
    const csv = toUsageReportCsv([record('A045198723', 0, 'Yönäytös', '2024-06-30T21:30:00Z')], {
      bom: false,
    });
    expect(csv).toContain(';1.7.2024;00:30;varaus;;alustava;odottaa;');
  });

  it('writes a record whose show start does not parse as it is, and the others after it', () => {
    const csv = toUsageReportCsv(
      [
        record('A045198723', 0, 'Rikki', 'not a date'),
        record('A999005458', 1, 'Ehjä', '2020-02-03T18:00:00+02:00'),
      ],
      { bom: false },
    );
    expect(csv).toContain('A045198723;1;0;Rikki;not a date;;varaus');
    expect(csv).toContain('A999005458;1;1;Ehjä;3.2.2020;18:00;varaus');
  });

  it('has Swedish and English headers, a BOM by default and a chosen separator', () => {
    // The official template's Swedish words (004): the same as the import's and its messages'.
    const sv = toUsageReportCsv([], { locale: 'sv' });
    expect(sv.startsWith('\uFEFFKortets kod;Biljett för vuxna;Biljett för barn;')).toBe(true);
    expect(sv).toContain('Sammanlagt;0;0;;;;;;;;;;\r\n');
    const en = toUsageReportCsv([record('A1', 1, 'Show, with comma', '2020-02-03T18:00:00+02:00')], {
      locale: 'en',
      separator: ',',
      bom: false,
    });
    expect(en.split('\r\n')[0]).toBe(
      'Card ID,Adult tickets,Child tickets,Show,Date,Time,Mode,Group visit,Check,Sync status,Reason,Idempotency key,Registration details',
    );
    expect(en).toContain('A1,1,1,"Show, with comma",3.2.2020,18:00,booking,,provisional,pending,,');
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
      problem: { code: 'card-not-registered', status: 404 },
    };
    const csv = toUsageReportCsv([visit], { bom: false, locale: 'en', separator: ',' });
    const id = visit.id;
    // Why Kaikukanta refused it, in the report's language (issue 30.6: the list had no reason column).
    const why = csvCell(readProblemReasons(visit.problem!)[0]!.message.en, ',');
    expect(why).toMatch(/not registered/i);
    const keyed = `,${why}${tail(visit, '2020-02-03', '18:00', ',')}`;
    expect(csv.split('\r\n').slice(1)).toEqual([
      `Y110029399,1,3,Ryhmä,3.2.2020,18:00,collection,${id},online,needs attention${keyed}`,
      `A999005458,1,0,Ryhmä,3.2.2020,18:00,collection,${id},online,needs attention${keyed}`,
      `X000011986,1,0,Ryhmä,3.2.2020,18:00,collection,${id},online,needs attention${keyed}`,
      'Total,3,3,,,,,,,,,,',
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
