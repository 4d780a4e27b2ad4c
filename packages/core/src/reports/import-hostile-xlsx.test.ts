/**
 * Hostile workbooks: a ZIP bomb, nested XML, a cell in column XFD on every row, too many cells, and a
 * reader that runs past its time. Each is refused with a stable code before exceljs parses it.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readXlsxSheets, readXlsxSheetsBuffered } from './read-xlsx.js';
import { checkXlsx, deadlineAfter, XLSX_LIMITS } from './xlsx-guard.js';
import type { XlsxLimits } from './xlsx-guard.js';
import { importSalesReport } from './import-sales-report.js';
import { ReportError } from './report-error.js';

/** A ZIP with deflated entries (no data descriptors), as Excel writes them. */
function zip(entries: Record<string, string | Uint8Array>): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const raw = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(raw.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, dir, end]));
}

const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

const workbook = (sheet: string | Uint8Array) =>
  zip({
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Myynti" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheet,
  });

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function refusal(bytes: Uint8Array, limits?: XlsxLimits): Promise<ReportError> {
  for (const read of [readXlsxSheets, readXlsxSheetsBuffered]) {
    try {
      for await (const sheet of read(once(bytes), limits)) for await (const row of sheet.rows) void row;
    } catch (error) {
      expect(error).toBeInstanceOf(ReportError);
      const refused = error as ReportError;
      for (const locale of ['fi', 'sv', 'en'] as const)
        expect(refused.localized[locale].length).toBeGreaterThan(20);
      if (read === readXlsxSheetsBuffered) return refused;
      continue;
    }
    throw new Error(`${read.name} accepted the workbook`);
  }
  throw new Error('unreachable');
}

const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Kortti</t></is></c></row>';

describe('hostile XLSX files are refused before they cost memory, disk or minutes', () => {
  it('a ZIP bomb (a sheet inflating far beyond the limit) is report-xlsx-too-large', async () => {
    const bomb = new Uint8Array(8 * 1024 * 1024).fill(0x20); // 8 MiB of spaces → about 8 KB compressed
    const bytes = workbook(bomb);
    expect(bytes.byteLength).toBeLessThan(64 * 1024);
    const error = await refusal(bytes, { ...XLSX_LIMITS, maxEntryBytes: 1024 * 1024 });
    expect(error.code).toBe('report-xlsx-too-large');
    const total = await refusal(bytes, { ...XLSX_LIMITS, maxTotalBytes: 4 * 1024 * 1024 });
    expect(total.code).toBe('report-xlsx-too-large');
  });

  it('deeply nested XML is report-xlsx-too-deep (the default limit)', async () => {
    const nested = '<x>'.repeat(5000) + '</x>'.repeat(5000);
    const error = await refusal(workbook(sheetXml(header + `<row r="2"><c r="A2">${nested}</c></row>`)));
    expect(error.code).toBe('report-xlsx-too-deep');
    expect(error.params).toMatchObject({ limit: XLSX_LIMITS.maxDepth });
  });

  it('a cell in column XFD is report-xlsx-too-wide (the default limit)', async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 2}"><c r="XFD${i + 2}"><v>1</v></c></row>`,
    );
    const error = await refusal(workbook(sheetXml(header + rows.join(''))));
    expect(error.code).toBe('report-xlsx-too-wide');
    expect(error.params).toMatchObject({ limit: 1024 });
  });

  it('too many cells is report-xlsx-too-many-cells', async () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>1</v></c><c r="B${i + 2}"><v>2</v></c></row>`,
    );
    const error = await refusal(workbook(sheetXml(header + rows.join(''))), { ...XLSX_LIMITS, maxCells: 60 });
    expect(error.code).toBe('report-xlsx-too-many-cells');
  });

  it('a reader past its time is report-xlsx-too-slow', async () => {
    let clock = 0;
    const deadline = deadlineAfter(1000, () => clock);
    deadline();
    clock = 1001;
    expect(() => deadline()).toThrow(expect.objectContaining({ code: 'report-too-slow' }) as Error);
    const error = await refusal(workbook(sheetXml(header)), { ...XLSX_LIMITS, maxMs: -1 });
    expect(error.code).toBe('report-too-slow');
  });

  it('a broken ZIP is report-xlsx-unreadable', async () => {
    const bytes = workbook(sheetXml(header));
    await expect(
      checkXlsx(bytes.subarray(0, bytes.length - 30), XLSX_LIMITS, () => undefined),
    ).rejects.toMatchObject({
      code: 'report-xlsx-unreadable',
    });
  });

  it('the import refuses the workbook with the code and reads nothing of it', async () => {
    const rows = Array.from(
      { length: 10 },
      (_, i) => `<row r="${i + 2}"><c r="XFD${i + 2}"><v>1</v></c></row>`,
    );
    const file = new Blob([workbook(sheetXml(header + rows.join(''))) as BlobPart]);
    const result = await importSalesReport(file, { dryRun: true, venueId: 'v' });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('report-xlsx-too-wide');
    expect(result.counts.rows).toBe(0);
  });

  it('an ordinary sheet within the bounds still reads', async () => {
    const rows = `<row r="2"><c r="A2" t="inlineStr"><is><t>A045198723</t></is></c><c r="B2"><v>2</v></c></row>`;
    const sheets = [];
    for await (const sheet of readXlsxSheets(once(workbook(sheetXml(header + rows))))) {
      const read = [];
      for await (const row of sheet.rows) read.push(row.cells);
      sheets.push(read);
    }
    expect(sheets).toEqual([[['Kortti'], ['A045198723', 2]]]);
  });
});
