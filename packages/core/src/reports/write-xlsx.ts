/**
 * A one-sheet XLSX writer for the usage report: inline strings, numbers, dates with a date format, bold title and
 * header rows, zipped with the platform's `CompressionStream`. No exceljs: the register's "download for Kaikukanta"
 * is a small lazy chunk that vendors' bundlers build without resolving an optional dependency (docs/register.md).
 */
import { concat } from './byte-source.js';

export type XlsxCell = string | number | Date | null;
/** A row's look: 0 plain (dates formatted), 1 bold, 2 bold and larger (a title). */
export type XlsxRow = { readonly cells: readonly XlsxCell[]; readonly style: 0 | 1 | 2 };

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const escapeXml = (s: string): string =>
  s.replace(/[<>&"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot' }[c]};`);
// Characters XML 1.0 cannot carry (control characters but tab, newline, carriage return) are dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const xmlText = (s: string): string => escapeXml(s.replace(NOT_XML, ''));
const column = (i: number): string =>
  (i >= 26 ? column(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

function cellXml(value: XlsxCell, ref: string, style: number): string {
  if (value === null || value === '') return '';
  if (typeof value === 'string')
    return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
  // Excel's serial day: days since 1899-12-30 (the 1900 system).
  const number = typeof value === 'number' ? value : value.getTime() / 86_400_000 + 25_569;
  const s = typeof value === 'number' ? style : 3;
  return `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${number}</v></c>`;
}

function sheetXml(rows: Iterable<XlsxRow>, widths: readonly number[]): string {
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`);
  let data = '';
  let r = 0;
  for (const { cells, style } of rows) {
    r++;
    data += `<row r="${r}">${cells.map((c, i) => cellXml(c, `${column(i)}${r}`, style)).join('')}</row>`;
  }
  return `${XML}<worksheet xmlns="${MAIN}"><cols>${cols.join('')}</cols><sheetData>${data}</sheetData></worksheet>`;
}

const stylesXml = (dateFormat: string): string =>
  `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${dateFormat}"/></numFmts>` +
  '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="13"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/>' +
  '</fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>' +
  '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="4"><xf/><xf fontId="1" applyFont="1"/>' +
  '<xf fontId="2" applyFont="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>';

const relsXml = (rels: readonly [string, string][]): string =>
  `${XML}<Relationships xmlns="${PKG}/relationships">${rels
    .map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;

/**
 * The workbook's bytes: one worksheet named `sheetName` with the rows and column widths given.
 *
 * @example
 * const bytes = await writeXlsx('Kaikukortti', [{ cells: ['Kortin tunnus'], style: 1 }], [16], 'd.m.yyyy');
 */
export async function writeXlsx(
  sheetName: string,
  rows: Iterable<XlsxRow>,
  widths: readonly number[],
  dateFormat: string,
): Promise<Uint8Array> {
  const type = (part: string, kind: string): string =>
    `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`;
  return zip([
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>${type('xl/workbook.xml', 'sheet.main')}` +
        `${type('xl/worksheets/sheet1.xml', 'worksheet')}${type('xl/styles.xml', 'styles')}</Types>`,
    ],
    ['_rels/.rels', relsXml([['officeDocument', 'xl/workbook.xml']])],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      relsXml([
        ['worksheet', 'worksheets/sheet1.xml'],
        ['styles', 'styles.xml'],
      ]),
    ],
    ['xl/styles.xml', stylesXml(dateFormat)],
    ['xl/worksheets/sheet1.xml', sheetXml(rows, widths)],
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
  return n >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

const deflate = async (data: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(
    await new Response(
      new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw')),
    ).arrayBuffer(),
  );

/** A ZIP archive of deflated parts (local headers, then the central directory; no ZIP64: reports stay far below 4 GB). */
async function zip(files: readonly [string, string][]): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const path = new TextEncoder().encode(name);
    const data = new TextEncoder().encode(text);
    const packed = await deflate(data);
    // Version 2.0, no flags, deflate, a fixed DOS time (1.1.1980), CRC, sizes, name length.
    const fields = [20, 0, 8, 0, 0x21, crc32(data), packed.length, data.length, path.length, 0];
    const header = (signature: number, central: boolean): Uint8Array => {
      const bytes = new Uint8Array((central ? 46 : 30) + path.length);
      const view = new DataView(bytes.buffer);
      view.setUint32(0, signature, true);
      let at = central ? 6 : 4;
      if (central) view.setUint16(4, 20, true);
      for (const [i, value] of fields.entries()) {
        const wide = i >= 5 && i <= 7;
        if (wide) view.setUint32(at, value, true);
        else view.setUint16(at, value, true);
        at += wide ? 4 : 2;
      }
      if (central) view.setUint32(42, offset, true);
      bytes.set(path, central ? 46 : 30);
      return bytes;
    };
    central.push(header(0x02014b50, true));
    const local = header(0x04034b50, false);
    out.push(local, packed);
    offset += local.length + packed.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  return concat([...out, ...central, new Uint8Array(end.buffer)]);
}
