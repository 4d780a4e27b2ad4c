import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../schemas/api.js';
import { exportUsageReport } from './export-usage-report.js';
import { createFakeRegistrar } from './fake-registrar.test-support.js';
import { importSalesReport } from './import-sales-report.js';
import type { UsageReportRow } from './usage-report.js';

const rows: UsageReportRow[] = [
  { cardId: 'E2251', adultTickets: 1, childTickets: 2, show: 'Taikuri Matti', date: '2020-02-03' },
  { cardId: '50141', adultTickets: 1, childTickets: 2, show: 'Kesäyöntaika', date: '2020-02-09' },
];

function record(cardId: string, start: string, extra: Partial<UsageRecord> = {}): UsageRecord {
  return {
    usageId: `u-${cardId}`,
    registeredAt: '2024-01-01T10:00:00Z',
    venueId: 'hilla',
    show: { id: 's1', name: 'Lumikuningatar', start, kind: 'show' },
    cardId,
    childTickets: 1,
    channel: 'box-office',
    mode: 'collection',
    clientTime: '2024-01-01T10:00:00Z',
    tickets: { adult: 1, children: 1, groupMembers: 0, under16Clients: 0, total: 2 },
    ...extra,
  };
}

async function readSheet(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const out: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('exportUsageReport', () => {
  it('writes the official example as Finnish CSV: BOM, semicolons, CRLF, Finnish dates, totals', async () => {
    const report = await exportUsageReport({ rows, format: 'csv', title: 'Teatteri Hilla' });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(report.bytes);
    expect(text).toBe(
      '\uFEFFTeatteri Hilla;;;;;;;\r\n' +
        'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti\r\n' +
        'E2251;1;2;Taikuri Matti;3.2.2020;;;\r\n' +
        '50141;1;2;Kesäyöntaika;9.2.2020;;;\r\n' +
        'Yhteensä;2;4;;;;;\r\n',
    );
    expect(report.totals).toEqual({ adultTickets: 2, childTickets: 4, rows: 2 });
    expect(report.mimeType).toContain('text/csv');
  });

  it('neutralises formula injection in CSV, quotes delimiters, and writes XLSX text as it is', async () => {
    const evil: UsageReportRow[] = [
      {
        cardId: 'A045198723',
        adultTickets: 1,
        childTickets: 0,
        show: '=HYPERLINK("http://evil","x")',
        date: '2024-01-01',
      },
      { cardId: 'A999005458', adultTickets: 1, childTickets: 0, show: '@SUM(1), +2; -3', date: '2024-01-02' },
      { cardId: 'X000011986', adultTickets: 1, childTickets: 0, show: '\tTab', date: '2024-01-03' },
    ];
    const csv = new TextDecoder().decode(
      (await exportUsageReport({ rows: evil, format: 'csv', locale: 'en' })).bytes,
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    // Excel set to `;` cuts this `,` file at the semicolon: no cell may start a formula there either.
    expect(csv).toContain(`"'@SUM(1),' +2;' -3"`);
    expect(csv).toContain(`'\tTab`);
    const sheet = await readSheet(
      (await exportUsageReport({ rows: evil, format: 'xlsx', locale: 'en' })).bytes,
    );
    // An XLSX text cell is never run as a formula: the name as it is, no apostrophe.
    expect(sheet.slice(1, 4).map((r) => r[3])).toEqual(evil.map((r) => r.show));
  });

  it('writes XLSX with number and date cells, a bold header and a totals row', async () => {
    const report = await exportUsageReport({ rows, format: 'xlsx', locale: 'sv' });
    const sheet = await readSheet(report.bytes);
    expect(sheet[0]).toEqual([
      'Kortets kod',
      'Biljett för vuxna',
      'Biljett för barn',
      'Föreställningens namn',
      'Datum',
      'Klockslag',
      'Användning',
      'Gruppbesök',
    ]);
    expect(sheet[1]).toEqual(['E2251', 1, 2, 'Taikuri Matti', new Date(Date.UTC(2020, 1, 3))]);
    expect(sheet[3]).toEqual(['Sammanlagt', 2, 4]);
    expect(report.fileName).toBe('kaikukortti-kaikukortti.xlsx');
  });

  it('reads a venue and period from the API, in Helsinki days, with group members on their own lines', async () => {
    const queries: unknown[] = [];
    const client = {
      async *iterateUsages(query: unknown) {
        queries.push(query);
        yield record('A045198723', '2024-03-31T21:30:00Z'); // 1 April 00:30 in Helsinki
        yield record('Y110029399', '2024-04-02T15:00:00Z', {
          group: { memberCardIds: ['A999005458'], under16Clients: 3 },
          tickets: { adult: 1, children: 0, groupMembers: 1, under16Clients: 3, total: 5 },
        });
      },
    };
    const report = await exportUsageReport({
      client,
      venueId: 'Teatteri Hilla',
      from: '2024-04-01',
      to: '2024-04-30',
      format: 'csv',
      locale: 'en',
    });
    expect(queries).toEqual([{ venueId: 'Teatteri Hilla', from: '2024-04-01', to: '2024-04-30' }]);
    const lines = new TextDecoder().decode(report.bytes).split('\r\n');
    expect(lines.slice(1, 5)).toEqual([
      'A045198723,1,1,Lumikuningatar,2024-04-01,00:30,collection,',
      // A group visit's rows share the group usage's ID: the import registers them as one usage again.
      'Y110029399,1,3,Lumikuningatar,2024-04-02,18:00,collection,u-Y110029399',
      'A999005458,1,0,Lumikuningatar,2024-04-02,18:00,collection,u-Y110029399',
      'Total,3,4,,,,,',
    ]);
    expect(report.fileName).toBe('kaikukortti-teatteri-hilla-2024-04-01-2024-04-30.csv');
  });

  it('takes registered usages as rows too', async () => {
    const report = await exportUsageReport({
      rows: [record('A045198723', '2024-04-02T15:00:00Z')],
      format: 'csv',
      locale: 'en',
    });
    const lines = new TextDecoder().decode(report.bytes).split('\r\n');
    expect(lines[1]).toBe('A045198723,1,1,Lumikuningatar,2024-04-02,18:00,collection,');
    expect(report.totals).toEqual({ adultTickets: 1, childTickets: 1, rows: 1 });
  });

  it('leaves a voided usage out: it gave no tickets (issue 36.3)', async () => {
    const voided = record('A999005458', '2024-04-02T15:00:00Z', {
      state: 'voided',
      voidedAt: '2024-01-01T10:05:00Z',
    });
    const report = await exportUsageReport({
      rows: [record('A045198723', '2024-04-02T15:00:00Z'), voided],
      format: 'csv',
      locale: 'en',
    });
    expect(new TextDecoder().decode(report.bytes)).not.toContain('A999005458');
    expect(report.totals).toEqual({ adultTickets: 1, childTickets: 1, rows: 1 });
  });

  it("writes a booking and the collection it covers as one purchase; a voided booking's collection stands", async () => {
    const start = '2024-04-02T15:00:00Z';
    const booking = (cardId: string, extra: Partial<UsageRecord> = {}) =>
      record(cardId, start, { usageId: `b-${cardId}`, mode: 'booking', ...extra });
    const three = { adult: 1, children: 2, groupMembers: 0, under16Clients: 0, total: 3 } as const;
    const report = await exportUsageReport({
      rows: [
        booking('A045198723'),
        record('A045198723', start), // covered: the booking's row stands for it
        booking('A999005458', { state: 'voided', voidedAt: '2024-01-01T10:05:00Z' }),
        record('A999005458', start), // its booking voided: a purchase of its own
        booking('X000011986'),
        record('X000011986', start, { childTickets: 2, tickets: three }), // beyond its booking: its own row
      ],
      format: 'csv',
      locale: 'en',
    });
    const lines = new TextDecoder().decode(report.bytes).split('\r\n');
    const modes = (card: string) => lines.filter((l) => l.startsWith(card)).map((l) => l.split(',')[6]);
    expect([modes('A045198723'), modes('A999005458'), modes('X000011986')]).toEqual([
      ['booking'],
      ['collection'],
      ['booking', 'collection'],
    ]);
  });

  it('refuses a missing period or an unknown format', async () => {
    await expect(
      exportUsageReport({
        format: 'csv',
        venueId: 'v',
        from: '2024-02-01',
        to: '2024-01-01',
        client: { iterateUsages: async function* () {} },
      }),
    ).rejects.toMatchObject({ code: 'report-options-invalid' });
    await expect(exportUsageReport({ format: 'pdf' as 'csv', rows })).rejects.toMatchObject({
      code: 'report-options-invalid',
    });
  });

  it('round-trips: an exported report imports again as a sales report, totals row skipped', async () => {
    const valid: UsageReportRow[] = [
      { cardId: 'A045198723', adultTickets: 1, childTickets: 2, show: 'Taikuri Matti', date: '2020-02-03' },
      { cardId: 'A999005458', adultTickets: 1, childTickets: 0, show: 'Kesäyöntaika', date: '2020-02-09' },
    ];
    for (const format of ['csv', 'xlsx'] as const) {
      for (const locale of ['fi', 'sv', 'en'] as const) {
        const report = await exportUsageReport({ rows: valid, format, locale, title: 'Teatteri Hilla' });
        const client = createFakeRegistrar();
        const result = await importSalesReport(report.bytes, { venueId: 'v', client });
        expect(result.counts, `${format}/${locale}`).toMatchObject({ registered: 2, invalid: 0, skipped: 1 });
        expect(client.calls[0]!.map((i) => i.usage.show.start)).toEqual([
          '2020-02-03T00:00:00+02:00',
          '2020-02-09T00:00:00+02:00',
        ]);
      }
    }
  });
});
