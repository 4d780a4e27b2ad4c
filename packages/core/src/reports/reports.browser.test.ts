/**
 * The reports in real Chromium: a File from a file input, Windows-1252 bytes, the whole-workbook XLSX
 * path (no Node streams here), and the export — what a browser-based box office uses.
 */
import { expect } from '@esm-bundle/chai';
import { exportUsageReport } from './export-usage-report.js';
import { importSalesReport } from './import-sales-report.js';
import { loadExcel } from './read-xlsx.js';

const HEADER = 'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä';

describe('reports in the browser', function () {
  // Inflates and parses whole workbooks (a ZIP bomb among them) on the CPU: over 30 s in WebKit at load 20.
  this.timeout(120_000);
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

  it('refuses hostile workbooks (nested XML, a cell in column XFD, a ZIP bomb) with stable codes', async () => {
    const xlsx = async (sheet: string | Uint8Array): Promise<File> => {
      const wb = await workbookOf(sheet);
      return new File([wb as BlobPart], 'myynti.xlsx');
    };
    const head = '<row r="1"><c r="A1" t="inlineStr"><is><t>Kortin tunnus</t></is></c></row>';
    const codeOf = async (file: File, maxBytes?: number) =>
      (await importSalesReport(file, { venueId: 'v', dryRun: true, ...(maxBytes ? { maxBytes } : {}) })).error
        ?.code;
    expect(await codeOf(await xlsx(sheetOf(head + '<x>'.repeat(5000) + '</x>'.repeat(5000))))).to.equal(
      'report-xlsx-too-deep',
    );
    const wide = Array.from(
      { length: 100 },
      (_, i) => `<row r="${i + 2}"><c r="XFD${i + 2}"><v>1</v></c></row>`,
    );
    expect(await codeOf(await xlsx(sheetOf(head + wide.join(''))))).to.equal('report-xlsx-too-wide');
    // 300 MiB of spaces, deflated to under 1 MB: over the 128 MiB per entry before anything else is read.
    const bomb = spacesDeflated(300 * 1024 * 1024);
    expect(bomb.byteLength).to.be.lessThan(1024 * 1024);
    expect(await codeOf(await xlsx(bomb))).to.equal('report-xlsx-too-large');
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
    // The XLSX holds the name as it is (a text cell, never run); the import still refuses formula-like text.
    expect(fromXlsx.invalid.map((r) => r.errors.map((e) => e.code))).to.deep.equal([['row-formula']]);
    expect(fromXlsx.counts.skipped).to.equal(1);
    const csv = await exportUsageReport({ rows, format: 'csv', locale: 'en' });
    const text = new TextDecoder().decode(csv.bytes);
    expect(text).to.contain(`"'=HYPERLINK(""x"")"`);
    expect(text).to.contain('Total,1,2,,');
  });
});

/** Deflates (raw) the parts in a CompressionStream, as Excel's ZIP entries are. */
async function deflateRaw(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const stream = new Blob(parts as unknown as BlobPart[])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * At least `bytes` spaces, raw-deflated as one block with its own Huffman codes, written here bit by bit: a space,
 * then copies of 258 bytes from 1 byte back, 2 bits each. Deflating 300 MiB through a CompressionStream took most of
 * this file's time in WebKit (118 s of 176 s at load 19); what the product inflates is the same 300 MiB of spaces.
 */
function spacesDeflated(bytes: number): Uint8Array {
  const copies = Math.ceil((bytes - 1) / 258);
  const out = new Uint8Array(64 + Math.ceil(copies / 4));
  let bit = 0;
  /** `n` bits of `value`, least significant first (header fields and extra bits). */
  const put = (value: number, n: number) => {
    for (let i = 0; i < n; i += 1, bit += 1) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  /** A Huffman code of `n` bits, most significant first. */
  const code = (c: number, n: number) => {
    for (let i = n - 1; i >= 0; i -= 1) put((c >> i) & 1, 1);
  };
  put(1, 1); // the last block
  put(2, 2); // with its own (dynamic) Huffman codes
  put(286 - 257, 5); // literal/length codes up to 285 (length 258)
  put(1 - 1, 5); // one distance code (distance 1)
  put(18 - 4, 4); // code length codes, in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1:
  for (const n of [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2]) put(n, 3); // 18 '0', 1 '10', 2 '11'
  const lengths = (n: 0 | 1 | 2, times = 1) => {
    if (n !== 0) return code(n === 1 ? 2 : 3, 2);
    code(0, 1); // 18: 11–138 zeros
    put(times - 11, 7);
  };
  // ' ' (32) and end of block (256): 2 bits ('10', '11'); length 258 (285): 1 bit ('0'); distance 1: 1 bit ('0').
  lengths(0, 32);
  lengths(2);
  lengths(0, 138);
  lengths(0, 85);
  lengths(2);
  lengths(0, 28);
  lengths(1);
  lengths(1);
  code(2, 2); // ' '
  bit += copies * 2; // each copy: length 258 '0', distance 1 '0'
  code(3, 2); // end of block
  return out.slice(0, Math.ceil(bit / 8));
}

const sheetOf = (rows: string) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

/** A minimal workbook whose sheet entry is `sheet` (text is deflated; bytes are taken as deflated already). */
async function workbookOf(sheet: string | Uint8Array): Promise<Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  const entries: [string, Uint8Array][] = [
    [
      '[Content_Types].xml',
      await deflateRaw([
        text(
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        ),
      ]),
    ],
    [
      'xl/workbook.xml',
      await deflateRaw([
        text(
          '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        ),
      ]),
    ],
    ['xl/worksheets/sheet1.xml', typeof sheet === 'string' ? await deflateRaw([text(sheet)]) : sheet],
  ];
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = text(name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, data.byteLength, true);
    local.setUint16(26, nameBytes.byteLength, true);
    out.push(new Uint8Array(local.buffer), nameBytes, data);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(10, 8, true);
    dir.setUint32(20, data.byteLength, true);
    dir.setUint16(28, nameBytes.byteLength, true);
    dir.setUint32(42, offset, true);
    central.push(new Uint8Array(dir.buffer), nameBytes);
    offset += 30 + nameBytes.byteLength + data.byteLength;
  }
  const size = central.reduce((n, part) => n + part.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  return new Uint8Array(
    await new Blob([...out, ...central, new Uint8Array(end.buffer)] as BlobPart[]).arrayBuffer(),
  );
}
