/**
 * A one-sheet XLSX writer for the usage report (shared strings, numbers, formatted dates, bold rows), zipped by the
 * platform's `CompressionStream` (stored where it has none). No exceljs: the register's file is a lazy chunk.
 */
import { concat } from './byte-source.js';

export type XlsxCell = string | number | Date | null;
/** A row's look: 0 plain (dates formatted), 1 bold, 2 bold and larger (a title). */
export type XlsxRow = { readonly cells: readonly XlsxCell[]; readonly style: 0 | 1 | 2 };

const NS = 'http://schemas.openxmlformats.org/';
const MAIN = 'spreadsheetml/2006/main';
const REL = 'officeDocument/2006/relationships';
const PKG = 'package/2006/';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
// Characters XML 1.0 cannot carry (control characters but tab, newline, carriage return) are dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const xmlText = (s: string): string => s.replace(NOT_XML, '').replace(/[<>&"]/g, (c) => ENTITY[c]!);
// A cell's text loses nothing (ECMA-376 ST_Xstring): what XML cannot carry, and CR (parsers turn it into LF), is
// written as _xHHHH_, and so is the "_" of a literal "_xHHHH_" (as _x005F_).
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_(?=x[0-9a-f]{4}_)/gi;
const hex = (c: string): string => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
const cellText = (s: string): string => xmlText(s.replace(ESCAPED, hex));
const column = (i: number): string =>
  (i >= 26 ? column(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));
const rels = (...targets: [string, string][]): string =>
  `${XML}<Relationships xmlns="${NS}${PKG}relationships">${targets
    .map(([type, to], i) => `<Relationship Id="rId${i + 1}" Type="${NS}${REL}/${type}" Target="${to}"/>`)
    .join('')}</Relationships>`;
const override = (part: string, kind: string): string =>
  `<Override PartName="/xl/${part}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`;
const TYPES = `${XML}<Types xmlns="${NS}${PKG}content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${override('workbook', 'sheet.main')}${override('worksheets/sheet1', 'worksheet')}${override('styles', 'styles')}${override('sharedStrings', 'sharedStrings')}</Types>`;
const font = (size: number, bold: boolean): string =>
  `<font>${bold ? '<b/>' : ''}<sz val="${size}"/><name val="Calibri"/></font>`;
// Cell styles: 0 plain, 1 bold, 2 bold 13 pt, 3 a date in `dateFormat`.
const styles = (dateFormat: string): string =>
  `${XML}<styleSheet xmlns="${NS}${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${dateFormat}"/></numFmts><fonts count="3">${font(11, false)}${font(11, true)}${font(13, true)}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="4"><xf/><xf fontId="1" applyFont="1"/><xf fontId="2" applyFont="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;

// Texts as shared strings (what Excel writes): the form every reader unescapes (exceljs does not for inline ones).
function cell(value: XlsxCell, ref: string, style: number, shared: (text: string) => number): string {
  if (value === null || value === '') return '';
  const s = (n: number): string => (n ? ` s="${n}"` : '');
  if (typeof value === 'string') return `<c r="${ref}"${s(style)} t="s"><v>${shared(value)}</v></c>`;
  // A date is Excel's serial day: days since 1899-12-30 (the 1900 date system).
  const [v, st] = typeof value === 'number' ? [value, style] : [value.getTime() / 86_400_000 + 25_569, 3];
  return `<c r="${ref}"${s(st)}><v>${v}</v></c>`;
}

/**
 * The workbook's bytes: one worksheet named `sheetName` with the rows and column widths given; `compressed` is false
 * where the platform has no `CompressionStream('deflate-raw')` (iPadOS < 16.4, Chrome < 103): a valid, larger file.
 *
 * @example
 * const { bytes } = await writeXlsx('Kaikukortti', [{ cells: ['Kortin tunnus'], style: 1 }], [16], 'd.m.yyyy');
 */
export async function writeXlsx(
  sheetName: string,
  rows: readonly XlsxRow[],
  widths: readonly number[],
  dateFormat: string,
): Promise<{ bytes: Uint8Array; compressed: boolean }> {
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`);
  const strings = new Map<string, number>();
  const shared = (t: string): number => strings.get(t) ?? strings.set(t, strings.size).size - 1;
  const data = rows.map(
    ({ cells, style }, r) =>
      `<row r="${r + 1}">${cells.map((c, i) => cell(c, `${column(i)}${r + 1}`, style, shared)).join('')}</row>`,
  );
  const sst = [...strings.keys()].map((t) => `<si><t xml:space="preserve">${cellText(t)}</t></si>`);
  return zip({
    '[Content_Types].xml': TYPES,
    '_rels/.rels': rels(['officeDocument', 'xl/workbook.xml']),
    'xl/workbook.xml': `${XML}<workbook xmlns="${NS}${MAIN}" xmlns:r="${NS}${REL}"><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': rels(
      ['worksheet', 'worksheets/sheet1.xml'],
      ['styles', 'styles.xml'],
      ['sharedStrings', 'sharedStrings.xml'],
    ),
    'xl/styles.xml': styles(dateFormat),
    'xl/sharedStrings.xml': `${XML}<sst xmlns="${NS}${MAIN}">${sst.join('')}</sst>`,
    'xl/worksheets/sheet1.xml': `${XML}<worksheet xmlns="${NS}${MAIN}"><cols>${cols.join('')}</cols><sheetData>${data.join('')}</sheetData></worksheet>`,
  });
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

/** Little-endian integers, each as wide as its digit in `widths` (2 or 4 bytes). */
function le(widths: string, values: readonly number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer([...widths].reduce((n, w) => n + Number(w), 0)));
  let at = 0;
  for (const [i, v] of values.entries()) {
    if (widths[i] === '4') view.setUint32(at, v, true);
    else view.setUint16(at, v, true);
    at += Number(widths[i]);
  }
  return new Uint8Array(view.buffer);
}

/** Whether the platform deflates raw, tried by construction (the class or the format may be missing). */
function canDeflateRaw(): boolean {
  try {
    return Boolean(new CompressionStream('deflate-raw'));
  } catch {
    return false;
  }
}

/** A ZIP archive of deflated parts, or stored ones where the platform cannot deflate (no ZIP64: far below 4 GB). */
async function zip(files: Record<string, string>): Promise<{ bytes: Uint8Array; compressed: boolean }> {
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const method = canDeflateRaw() ? 8 : 0;
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const path = new TextEncoder().encode(name);
    const data = new TextEncoder().encode(text);
    const deflate = () =>
      new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const packed = method ? new Uint8Array(await new Response(deflate()).arrayBuffer()) : data;
    // Version 2.0, no flags, deflate (8) or stored (0), 1.1.1980 00:00, CRC, sizes, name length, no extra field.
    const common = [20, 0, method, 0, 0x21, crc32(data), packed.length, data.length, path.length, 0];
    central.push(le('42222224442222244', [0x02014b50, 20, ...common, 0, 0, 0, 0, offset]), path);
    out.push(le('42222244422', [0x04034b50, ...common]), path, packed);
    offset += 30 + path.length + packed.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const count = Object.keys(files).length;
  const end = le('42222442', [0x06054b50, 0, 0, count, count, size, offset, 0]);
  return { bytes: concat([...out, ...central, end]), compressed: method === 8 };
}
