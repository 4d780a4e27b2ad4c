/**
 * The reports in real Chromium: a File from a file input, Windows-1252 bytes, the whole-workbook XLSX
 * path (no Node streams here), and the export — what a browser-based box office uses.
 */
import { expect } from '@esm-bundle/chai';
import { exportUsageReport } from './export-usage-report.js';
import { importSalesReport } from './import-sales-report.js';
import { loadExcel } from './read-xlsx.js';

const HEADER = 'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä';

describe('reports in the browser', () => {
  it('imports a File (dry run) with a Windows-1252 row and reports invalid rows', async () => {
    const text = `${HEADER}\r\nA045198723;1;2;Taikuri Matti;3.2.2020\r\nE2251;1;0;Kesäyöntaika;9.2.2020\r\n`;
    const bytes = Uint8Array.from(text, (c) => (c === 'ä' ? 0xe4 : c.charCodeAt(0)));
    const file = new File([bytes], 'myynti.csv', { type: 'text/csv' });
    const result = await importSalesReport(file, { venueId: 'hilla', dryRun: true });
    expect(result.encoding).to.equal('windows-1252');
    expect(result.valid).to.deep.equal([{ from: 2, to: 2 }]);
    expect(result.invalid[0]?.errors[0]?.code).to.equal('legacy-code');
  });

  it('decodes Windows-1252 dashes, euro signs and curly quotes the same as Node does, with CR-only lines', async () => {
    const extra: Record<string, number> = { '€': 0x80, '’': 0x92, '–': 0x96, ä: 0xe4 };
    const text = `${HEADER}\rA045198723;1;2;Kesäyö – Tove’s 10 €;3.2.2020\r`;
    const bytes = Uint8Array.from(text, (c) => extra[c] ?? c.charCodeAt(0));
    const rows: string[] = [];
    const client = {
      registerBatch: (items: { idempotencyKey: string; usage: { show: { name: string } } }[]) => {
        rows.push(...items.map((item) => item.usage.show.name));
        return Promise.resolve(
          items.map((item) => ({ idempotencyKey: item.idempotencyKey, ok: true as const, replayed: false })),
        );
      },
    };
    const result = await importSalesReport(new File([bytes], 'myynti.csv'), {
      venueId: 'hilla',
      client: client as never,
    });
    expect(result.registered).to.deep.equal([{ from: 2, to: 2 }]);
    expect(rows).to.deep.equal(['Kesäyö – Tove’s 10 €']);
  });

  it('reads the report sheet of a workbook that opens with an instructions sheet', async () => {
    const ExcelJS = await loadExcel();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Ohjeet').addRow(['Täytä välilehti Myynti']);
    const sheet = book.addWorksheet('Myynti');
    sheet.addRow(HEADER.split(';'));
    sheet.addRow(['A045198723', 1, 2, 'Kesäyöntaika', '3.2.2020']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const result = await importSalesReport(new Blob([bytes]), { venueId: 'hilla', dryRun: true });
    expect(result.sheet).to.equal('Myynti');
    expect(result.valid).to.deep.equal([{ from: 2, to: 2 }]);
  });

  it('exports XLSX and CSV and imports them again', async () => {
    const rows = [
      { cardId: 'A045198723', adultTickets: 1, childTickets: 2, show: '=HYPERLINK("x")', date: '2020-02-03' },
    ];
    const xlsx = await exportUsageReport({ rows, format: 'xlsx', locale: 'sv' });
    const fromXlsx = await importSalesReport(new Blob([xlsx.bytes as BlobPart]), {
      venueId: 'hilla',
      dryRun: true,
    });
    expect(fromXlsx.format).to.equal('xlsx');
    // The neutralised event name is text starting with an apostrophe: valid, never a formula.
    expect(fromXlsx.counts.valid).to.equal(1);
    expect(fromXlsx.counts.skipped).to.equal(1);
    const csv = await exportUsageReport({ rows, format: 'csv', locale: 'en' });
    const text = new TextDecoder().decode(csv.bytes);
    expect(text).to.contain(`"'=HYPERLINK(""x"")"`);
    expect(text).to.contain('Total,1,2,,');
  });
});
