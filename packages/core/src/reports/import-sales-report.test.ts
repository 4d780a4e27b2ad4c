import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFakeRegistrar } from './fake-registrar.test-support.js';
import { importSalesReport } from './import-sales-report.js';
import type { RowEvent } from './types.js';
import { readXlsxSheetsBuffered } from './read-xlsx.js';

const HEADER_FI = 'Kortin numero;Aikuiset;Lapset;Tapahtuma;Päivämäärä';
const cards = ['A045198723', 'A999005458', 'X000011986', 'Z000010669', 'Y110029399'];
const cp1252 = (text: string) =>
  Uint8Array.from(text, (c) => ({ ä: 0xe4, ö: 0xf6, å: 0xe5, Ä: 0xc4 })[c] ?? c.charCodeAt(0));

async function xlsxBytes(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Myynti');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('importSalesReport: CSV', () => {
  it('registers valid rows, reports invalid ones with row, field, code and three languages, skips title and totals', async () => {
    const csv = [
      'Teatteri Hilla;;;;',
      HEADER_FI,
      'A045198723;1;2;Taikuri Matti;3.2.2020',
      'E2251;1;2;Taikuri Matti;3.2.2020',
      'A999005458;2;0;Kesäyöntaika;9.2.2020',
      'X000011986;1;0;Kesäyöntaika;09.02.2020 klo 18.30',
      'Yhteensä;5;4;;',
    ].join('\r\n');
    const client = createFakeRegistrar();
    const result = await importSalesReport(csv, { venueId: 'hilla', client });
    expect(result.headerRow).toBe(2);
    expect(result.registered).toEqual([
      { from: 3, to: 3 },
      { from: 6, to: 6 },
    ]);
    expect(result.counts).toMatchObject({
      rows: 4,
      valid: 2,
      registered: 2,
      invalid: 2,
      skipped: 1,
      refused: 0,
    });
    expect(result.invalid.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.code}`)])).toEqual([
      [4, ['cardId:legacy-code']],
      [5, ['adults:row-adults-not-one']],
    ]);
    const adults = result.invalid[1]!.errors[0]!;
    expect(adults.message.fi).toContain('täsmälleen yksi');
    expect(adults.message.sv).toContain('exakt en');
    expect(adults.message.en).toContain('exactly one');
    const usage = client.calls[0]![1]!.usage;
    expect(usage).toMatchObject({
      venueId: 'hilla',
      cardId: 'X000011986',
      childTickets: 0,
      channel: 'ticket-agent',
      mode: 'booking',
    });
    expect(usage.show).toMatchObject({
      name: 'Kesäyöntaika',
      start: '2020-02-09T18:30:00+02:00',
      kind: 'show',
    });
    expect(result.ok).toBe(false);
  });

  it.each([
    [',', 'Card ID,Adult tickets,Child tickets,Event,Date'],
    ['\t', 'Kortnummer\tVuxna\tBarn\tEvenemang\tDatum'],
    ['|', 'card id|adults|children|show|date'],
    [
      ';',
      'Kortin tunnus (jossa on numeroita ja/tai kirjaimia);Lippu aikuiselle;Lippu lapselle (alle 16 v.);Esityksen nimi;Päivä-\nmäärä',
    ],
  ])('sniffs the %j delimiter and recognises the header %s', async (delimiter, header) => {
    const quotedHeader = header.includes('\n') ? header.replace('Päivä-\nmäärä', '"Päivä-\nmäärä"') : header;
    const rows = cards.map((card, i) =>
      [card, '1', String(i), `"Show, ${i}"`, `2024-0${i + 1}-1${i}`].join(delimiter),
    );
    const result = await importSalesReport([quotedHeader, ...rows].join('\n') + '\n', {
      venueId: 'v',
      dryRun: true,
    });
    expect(result.delimiter).toBe(delimiter);
    expect(result.counts).toMatchObject({ rows: 5, valid: 5, invalid: 0 });
    expect(result.valid).toEqual([{ from: 2, to: 6 }]);
  });

  it('reads UTF-8 with BOM, UTF-8 without BOM and Windows-1252 to the same keys', async () => {
    const text = `${HEADER_FI}\nA045198723;1;1;Kesäyön Ääni;3.2.2020\n`;
    const keys: string[][] = [];
    for (const bytes of [
      new TextEncoder().encode('\uFEFF' + text),
      new TextEncoder().encode(text),
      cp1252(text),
    ]) {
      const client = createFakeRegistrar();
      const result = await importSalesReport(bytes, { venueId: 'v', client });
      expect(result.counts.registered).toBe(1);
      keys.push(client.calls.flat().map((i) => i.idempotencyKey));
      expect(client.calls[0]![0]!.usage.show.name).toBe('Kesäyön Ääni');
    }
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
  });

  it('reports rows in the other encoding of a mixed-encoding file, by row', async () => {
    const utf8 = new TextEncoder().encode(`${HEADER_FI}\nA045198723;1;0;Kesä;3.2.2020\n`);
    const latin = cp1252('A999005458;1;0;Syksyä;4.2.2020\nX000011986;1;0;Talvi;5.2.2020\n');
    const bytes = new Uint8Array([...utf8, ...latin]);
    const result = await importSalesReport(bytes, { venueId: 'v', dryRun: true });
    expect(result.encoding).toBe('utf-8');
    expect(result.valid).toEqual([
      { from: 2, to: 2 },
      { from: 4, to: 4 },
    ]);
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]).toMatchObject({ row: 3, errors: [{ code: 'row-encoding-mixed' }] });
  });

  it('flags formula injection on import and never registers it', async () => {
    const csv = [
      'Card ID,Adults,Children,Event,Date',
      'A045198723,1,0,"=HYPERLINK(""http://evil.example"",""Click"")",2020-02-03',
      'A999005458,1,0,+cmd|calc,2020-02-03',
      'X000011986,1,0,@SUM(A1),2020-02-03',
      'Z000010669,1,0,"\tTab",2020-02-03',
      'Y110029399,1,-1,Show,2020-02-03',
    ].join('\n');
    const result = await importSalesReport(csv, { venueId: 'v', dryRun: true });
    expect(result.counts.valid).toBe(0);
    expect(result.invalid.map((r) => r.errors[0]!.code)).toEqual([
      'row-formula',
      'row-formula',
      'row-formula',
      'row-formula',
      'row-children-invalid',
    ]);
    expect(result.invalid[0]!.errors[0]!.message.en).toContain('"Show" cell');
  });

  it('one purchase per card and show: identical rows are duplicates, other rows of the card for the show already used', async () => {
    const rows = [
      'A045198723;1;0;Show;3.2.2020',
      'A045198723;1;0;Show;3.2.2020',
      'A045198723;1;1;Show;3.2.2020',
    ];
    const csv = `${HEADER_FI}\n${[...rows, 'A045198723;1;1;Show;4.2.2020', 'A999005458;1;0;Show;3.2.2020'].join('\n')}\n`;
    const client = createFakeRegistrar();
    for (const result of [
      await importSalesReport(csv, { venueId: 'v', dryRun: true }),
      await importSalesReport(csv, { venueId: 'v', client }),
    ]) {
      expect(result.invalid.map((r) => [r.row, r.errors[0]!.code, r.errors[0]!.params.firstRow])).toEqual([
        [3, 'row-duplicate', 2],
        [4, 'already-used', 2],
      ]);
      expect(result.invalid[1]!.errors[0]).toMatchObject({
        field: 'cardId',
        params: { at: '2020-02-02T22:00:00.000Z' },
      });
    }
    expect(client.calls.flat().map((i) => i.usage.cardId)).toEqual([
      'A045198723',
      'A045198723',
      'A999005458',
    ]);
  });

  it('a collection of the booking a row of the file made is the same purchase; a second collection is not', async () => {
    const csv = [
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Käyttötapa',
      'A045198723;1;0;Show;3.2.2020;varaus',
      'A045198723;1;0;Show;3.2.2020;nouto',
      'A045198723;1;1;Show;3.2.2020;nouto',
    ].join('\n');
    const result = await importSalesReport(csv, { venueId: 'v', dryRun: true });
    expect(result.invalid.map((r) => [r.row, r.errors[0]!.code])).toEqual([[4, 'already-used']]);
  });

  it("recognises the import's own venue by its name: the ID's words, any case, spaced or joined", async () => {
    // An ID is the name's words joined by `-` or `_`; a venue column writes the name (`Teatteri Hilla`).
    const word = fc.stringMatching(/^[a-zäö]{2,8}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('-', '_'),
        async (words, sep) => {
          const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
          const csv = `${HEADER_FI};Tapahtumapaikka\nA045198723;1;0;Show;3.2.2020;${name}\nA999005458;1;0;Show;3.2.2020;${name}x\n`;
          const result = await importSalesReport(csv, { venueId: words.join(sep), dryRun: true });
          expect(result.valid).toEqual([{ from: 2, to: 2 }]);
          expect(result.invalid.map((r) => r.errors[0]!.code)).toEqual(['row-venue-unknown']);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('importing the same report twice registers nothing twice', async () => {
    const csv = `${HEADER_FI}\n` + cards.map((c, i) => `${c};1;${i};Show ${i};3.2.2020`).join('\n');
    const client = createFakeRegistrar();
    const first = await importSalesReport(csv, { venueId: 'v', client, batchSize: 2 });
    const second = await importSalesReport(csv.replace(/;/g, ','), { venueId: 'v', client, batchSize: 3 });
    expect(first.counts).toMatchObject({ registered: 5, alreadyRegistered: 0 });
    expect(second.counts).toMatchObject({ registered: 0, alreadyRegistered: 5 });
    expect(second.alreadyRegistered).toEqual([{ from: 2, to: 6 }]);
    expect(client.keys.size).toBe(5);
    expect(client.calls.map((c) => c.length)).toEqual([2, 2, 1, 3, 2]);
  });

  it('a dry run refuses what the import will: a community card with no under-16 clients, by the same rules', async () => {
    const csv = `${HEADER_FI}\nY110029399;1;0;Konsertti;3.2.2020\nY110029399;1;2;Konsertti;4.2.2020\n`;
    const refusal = { row: 2, errors: [{ code: 'community-card-without-group', field: 'children' }] };
    const dry = await importSalesReport(csv, { venueId: 'v', dryRun: true });
    expect(dry.invalid).toMatchObject([refusal]);
    expect(dry.invalid[0]!.errors[0]!.message.fi).toContain('Yhteisökortti');
    expect(dry.valid).toEqual([{ from: 3, to: 3 }]);
    const client = createFakeRegistrar();
    const real = await importSalesReport(csv, { venueId: 'v', client });
    expect(real.invalid).toMatchObject([refusal]);
    expect(real.registered).toEqual([{ from: 3, to: 3 }]);
    expect(client.calls.flat().map((item) => item.usage.group)).toEqual([
      { memberCardIds: [], under16Clients: 2 },
    ]);
  });

  it('reports server refusals per row', async () => {
    const csv = `${HEADER_FI}\nA045198723;1;0;Show;3.2.2020\nA999005458;1;0;Show;3.2.2020\n`;
    const client = createFakeRegistrar({
      refuse: (item) => (item.usage.cardId === 'A999005458' ? 'card-inactive' : undefined),
    });
    const result = await importSalesReport(csv, { venueId: 'v', client });
    expect(result.registered).toEqual([{ from: 2, to: 2 }]);
    expect(result.refused).toEqual([
      expect.objectContaining({
        row: 3,
        cardId: 'A999005458',
        errors: [expect.objectContaining({ code: 'card-inactive' })],
      }),
    ]);
    expect(result.refused[0]!.errors[0]!.message.fi).not.toBe('card-inactive');
  });

  it('says exactly which rows went in when the server fails half-way', async () => {
    // One child each: a community card (Z…, Y…) is only used with a client under 16 or a group.
    const csv = `${HEADER_FI}\n` + cards.map((c) => `${c};1;1;Show;3.2.2020`).join('\n');
    const events: RowEvent[] = [];
    const client = createFakeRegistrar({ failOnCall: 2 });
    const result = await importSalesReport(csv, {
      venueId: 'v',
      client,
      batchSize: 2,
      onRow: (e) => events.push(e),
    });
    expect(result.error?.code).toBe('report-server-failed');
    expect(result.error?.message.fi).toContain('Tuo tiedosto uudelleen');
    expect(result.registered).toEqual([{ from: 2, to: 3 }]);
    expect(result.notSent).toEqual([{ from: 4, to: 5 }]);
    expect(result.lastRow).toBe(5);
    expect(events.filter((e) => e.status === 'not-sent').map((e) => e.row)).toEqual([4, 5]);
    const retry = await importSalesReport(csv, { venueId: 'v', client: createFakeRegistrar(), batchSize: 2 });
    expect(retry.ok).toBe(true);
  });
});

describe('importSalesReport: XLSX written with exceljs', () => {
  it('reads typed cells: numbers, date cells, rich text, and flags formula cells', async () => {
    const bytes = await xlsxBytes([
      ['Teatteri Hilla'],
      ['Kortin tunnus', 'Lippu aikuiselle', 'Lippu lapselle', 'Esityksen nimi', 'Päivämäärä', 'Klo'],
      ['A045198723', 1, 2, 'Taikuri Matti', new Date(Date.UTC(2020, 1, 3)), '18.30'],
      ['A999005458', 1, 0, { richText: [{ text: 'Kesä' }, { text: 'yöntaika' }] }, '9.2.2020', null],
      ['X000011986', 1, { formula: '1+1', result: 2 }, 'Show', '2020-02-10', null],
      ['Yhteensä', { formula: 'SUM(B3:B5)', result: 3 }, 2],
    ]);
    const client = createFakeRegistrar();
    const result = await importSalesReport(bytes, { venueId: 'v', client });
    expect(result.format).toBe('xlsx');
    expect(result.registered).toEqual([{ from: 3, to: 4 }]);
    expect(result.invalid).toEqual([
      expect.objectContaining({
        row: 5,
        errors: [expect.objectContaining({ code: 'row-formula', field: 'children' })],
      }),
    ]);
    expect(result.counts.skipped).toBe(1);
    const [first, second] = client.calls[0]!;
    expect(first!.usage.show).toMatchObject({ name: 'Taikuri Matti', start: '2020-02-03T18:30:00+02:00' });
    expect(second!.usage.show).toMatchObject({ name: 'Kesäyöntaika', start: '2020-02-09T00:00:00+02:00' });
  });

  it('gives the same keys for the same report as CSV and as XLSX', async () => {
    const rows = cards.map((c, i) => [c, 1, i, `Show ${i}`, '3.2.2020']);
    const csv = ['Card ID;Adults;Children;Show;Date', ...rows.map((r) => r.join(';'))].join('\n');
    const xlsx = await xlsxBytes([['Card ID', 'Adults', 'Children', 'Show', 'Date'], ...rows]);
    const client = createFakeRegistrar();
    await importSalesReport(csv, { venueId: 'v', client });
    const again = await importSalesReport(xlsx, { venueId: 'v', client });
    expect(again.counts).toMatchObject({ registered: 0, alreadyRegistered: 5 });
  });

  it('reads the same rows through the whole-workbook path browsers use', async () => {
    const bytes = await xlsxBytes([
      ['Card ID', 'Children', 'Show', 'Date'],
      ['A045198723', 2, { richText: [{ text: 'Show' }] }, '3.2.2020'],
    ]);
    async function* once() {
      yield bytes;
    }
    const rows = [];
    for await (const sheet of readXlsxSheetsBuffered(once()))
      for await (const row of sheet.rows) rows.push(row);
    expect(rows).toEqual([
      { row: 1, cells: ['Card ID', 'Children', 'Show', 'Date'] },
      { row: 2, cells: ['A045198723', 2, 'Show', '3.2.2020'] },
    ]);
    async function* broken() {
      yield bytes.subarray(0, 300);
    }
    await expect(readXlsxSheetsBuffered(broken()).next()).rejects.toMatchObject({
      code: 'report-xlsx-unreadable',
    });
  });

  it('refuses a damaged workbook with a clear error', async () => {
    const bytes = await xlsxBytes([['Card ID', 'Adults', 'Children', 'Show', 'Date']]);
    const result = await importSalesReport(bytes.subarray(0, 200), { venueId: 'v', dryRun: true });
    expect(result.error?.code).toBe('report-xlsx-unreadable');
  });
});
