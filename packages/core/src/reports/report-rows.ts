/** Opens a report (CSV or XLSX, sniffed), finds its header row past any title rows, and yields its rows, marked. */
import { openSource, peek, type ReportSource } from './byte-source.js';
import { matchHeader, recogniseHeader, REQUIRED_FIELDS } from './header.js';
import type { ColumnMap, HeaderResult } from './header.js';
import { readCsvRows, type CsvInfo, type Delimiter, type Encoding } from './read-csv.js';
import { readXlsxSheets, xlsxLimitsHere } from './read-xlsx.js';
import { deadlineAfter } from './xlsx-guard.js';
import { ReportError } from './report-error.js';
import type { CellValue, ImportOptions, RawRow, ReportField } from './types.js';

/** One worksheet as a reader hands it over; its rows must be read (or drained) before the next sheet. */
export type XlsxSheet = {
  readonly name: string;
  /** 1-based position among the workbook's worksheets. */
  readonly index: number;
  readonly hidden: boolean;
  /** The workbook uses Excel's 1904 date system (serial numbers count from 1904). */
  readonly date1904: boolean;
  readonly rows: AsyncIterable<RawRow>;
};

/** What reading a report finds out about it, filled in as it is read. */
export class ReportInfo implements CsvInfo {
  format: 'csv' | 'xlsx' | undefined = undefined;
  delimiter: Delimiter | undefined = undefined;
  encoding: Encoding | undefined = undefined;
  headerRow: number | undefined = undefined;
  columns: ColumnMap | undefined = undefined;
  headings: string[] | undefined = undefined;
  totalBytes: number | undefined = undefined;
  /** XLSX: the worksheet read, the other report-like ones (not read), and its workbook's date system. */
  sheet: string | undefined = undefined;
  otherSheets: string[] = [];
  date1904 = false;
  /** The first row above the header, as text (a register's export names its venue and terminal there). */
  title: string | undefined = undefined;
  counter: { readonly bytes: number } = { bytes: 0 };
}

export type ReportRow = { readonly kind: 'data' | 'blank' | 'totals' | 'header'; readonly raw: RawRow };

/** The sizes a read stops at, and the worksheet to read (by default the first with a header row). */
export type ReadLimits = Required<Pick<ImportOptions, 'maxBytes' | 'maxRecordBytes'>> &
  Pick<ImportOptions, 'sheet'> & { readonly maxLines: number };

export type SniffedFormat = { readonly kind: 'csv' | 'xlsx' | 'legacy-xls' | 'utf-16' | 'binary' | 'empty' };

const startsWith = (head: Uint8Array, magic: readonly number[]) => magic.every((b, i) => head[i] === b);

const BINARY_MAGIC: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0xff, 0xd8, 0xff], // JPEG
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // MZ (Windows executables)
];

/**
 * @example
 * sniffFormat(new TextEncoder().encode('Kortin numero;Lapset')); // { kind: 'csv' }
 */
export function sniffFormat(head: Uint8Array): SniffedFormat {
  if (head.length === 0) return { kind: 'empty' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'legacy-xls' };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return { kind: 'utf-16' };
  if (BINARY_MAGIC.some((magic) => startsWith(head, magic))) return { kind: 'binary' };
  let nul = 0;
  let control = 0;
  for (const b of head) {
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  // UTF-16 text without a byte-order mark: every other byte of ASCII text is zero.
  if (nul > head.length * 0.3 && control < head.length * 0.05) return { kind: 'utf-16' };
  if (nul > 0 || control > head.length * 0.05) return { kind: 'binary' };
  const text = new TextDecoder('latin1').decode(head.subarray(0, 512));
  if (/^\s*<(\?xml|!doctype|html)/i.test(text)) return { kind: 'binary' };
  return { kind: 'csv' };
}

const HEADER_SEARCH_ROWS = 20;
/** Files that are no report, by what their first bytes are (`sniffFormat`). */
const REFUSED = {
  empty: ['report-empty', {}],
  'legacy-xls': ['report-legacy-xls', {}],
  'utf-16': ['report-encoding-unsupported', { encoding: 'UTF-16' }],
  binary: ['report-binary', {}],
} as const;
// A totals label, alone or with its figures in the same cell ("Yhteensä 2", "Total: 2 / 4", "Yht. 2 kpl").
const TOTALS =
  /^(kaikki yhteensä|yhteensä|yhteensa|yht|summa|sammanlagt|totalt|summa totalt|totals?|grand total|sum)(?![\p{L}])\.?\s*:?[\s\d.,;:/|()kplstcs-]*$/iu;

const isEmpty = (cell: CellValue | undefined) =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

const isTotalsLabel = (cell: CellValue | undefined) => typeof cell === 'string' && TOTALS.test(cell.trim());

function classify(raw: RawRow, columns: ColumnMap): ReportRow['kind'] {
  if (raw.error) return 'data';
  if (raw.cells.every(isEmpty)) return 'blank';
  const first = raw.cells.find((cell) => !isEmpty(cell));
  if (isTotalsLabel(first)) return 'totals';
  const at = (field: ReportField) =>
    columns[field] === undefined ? null : (raw.cells[columns[field]] ?? null);
  const card = at('cardId');
  if (isEmpty(card)) {
    // A totals row without a label, or labelled in another column than the first ("; 1; 2; Yhteensä;").
    if ((isEmpty(at('event')) && isEmpty(at('date'))) || raw.cells.some(isTotalsLabel)) return 'totals';
  } else if (
    typeof card === 'string' &&
    !/\d/.test(card) &&
    matchHeader(card) === 'cardId' &&
    recogniseHeader(raw.cells).ok
  ) {
    // The header again (a report printed or exported page by page repeats it).
    return 'header';
  }
  return 'data';
}

/** Two header rows read as one: each column's texts joined ("Lippuja" + "Lapset" → "Lippuja Lapset"). */
function joinHeaderRows(upper: readonly CellValue[], lower: readonly CellValue[]): CellValue[] {
  const text = (cell: CellValue | undefined) => (typeof cell === 'string' ? cell.trim() : '');
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, i) =>
    [text(upper[i]), text(lower[i])].filter((t) => t !== '').join(' '),
  );
}

/** What the first rows of a CSV file or a worksheet told about its header row. */
type HeaderSearch = {
  readonly header?: {
    readonly row: number;
    readonly columns: ColumnMap;
    readonly cells: readonly CellValue[];
  };
  readonly best?: { readonly result: Extract<HeaderResult, { ok: false }>; readonly row: number };
  /** Anything but blank rows was read; a row could not be decoded as Mac Roman text. */
  readonly any: boolean;
  /** The first non-blank row above the header, its text cells joined. */
  readonly title?: string;
  readonly unknownEncoding: boolean;
};

/** Reads rows until the header row (one row, or two read as one), or `HEADER_SEARCH_ROWS` rows without one. */
async function findHeader(rows: AsyncIterator<RawRow>, deadline: () => void): Promise<HeaderSearch> {
  let best: HeaderSearch['best'];
  let searched = 0;
  let any = false;
  let unknownEncoding = false;
  let previous: RawRow | undefined;
  let title: string | undefined;
  while (searched < HEADER_SEARCH_ROWS) {
    deadline();
    const next = await rows.next();
    if (next.done) break;
    const raw = next.value;
    if (raw.error || raw.cells.every(isEmpty)) {
      any ||= raw.error !== undefined;
      unknownEncoding ||= raw.error?.code === 'row-encoding-unknown';
      continue;
    }
    any = true;
    let cells = raw.cells;
    let result = recogniseHeader(cells);
    // A two-row header: "Lippuja" over "Aikuiset | Lapset", "Kortin" over "numero".
    if (!result.ok && previous?.row === raw.row - 1) {
      const joined = joinHeaderRows(previous.cells, raw.cells);
      const both = recogniseHeader(joined);
      if (both.ok) {
        cells = joined;
        result = both;
      }
    }
    const text = raw.cells.filter((cell) => typeof cell === 'string' && cell.trim() !== '').join(' ');
    title ??= result.ok ? undefined : text;
    previous = raw;
    if (result.ok) {
      const header = { row: raw.row, columns: result.columns, cells };
      return { header, any, unknownEncoding, ...(title === undefined ? {} : { title }) };
    }
    if (!best || result.score > best.result.score) best = { result, row: raw.row };
    searched++;
  }
  return { ...(best ? { best } : {}), any, unknownEncoding };
}

/** The rows after a sheet's or file's header, classified; without a header, why not. */
async function* dataRows(
  found: HeaderSearch,
  rows: AsyncIterator<RawRow>,
  info: ReportInfo,
  deadline: () => void,
): AsyncGenerator<ReportRow> {
  const { header } = found;
  if (!header) throw headerError(found);
  info.columns = header.columns;
  info.headings = header.cells.map((cell) => (typeof cell === 'string' ? cell.trim() : ''));
  info.headerRow = header.row;
  info.title = found.title;
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    deadline();
    yield { kind: classify(next.value, header.columns), raw: next.value };
  }
}

function headerError({ best, any, unknownEncoding }: HeaderSearch): ReportError {
  if (!any) return new ReportError('report-empty');
  // The header itself could not be decoded (a Mac Roman "Päivämäärä"): say so, not "column missing".
  if (unknownEncoding) return new ReportError('report-encoding-unsupported', { encoding: 'Mac Roman' });
  if (!best?.result.score)
    return new ReportError('report-header-missing', { columns: REQUIRED_FIELDS.join(', ') }, { row: 1 });
  return new ReportError(best.result.code, { columns: best.result.fields.join(', ') }, { row: best.row });
}

async function drain(rows: AsyncIterator<RawRow>): Promise<void> {
  while (!(await rows.next()).done);
}

/**
 * The report's worksheet as data rows: the first visible sheet with a header row (agents' workbooks open with an
 * instructions sheet), or the one `wanted` names; later ones with a header go to `info.otherSheets`.
 */
export async function* sheetRows(
  sheets: AsyncIterable<XlsxSheet>,
  wanted: string | number | undefined,
  info: ReportInfo,
  deadline: () => void,
): AsyncGenerator<ReportRow> {
  const names: string[] = [];
  let chosen = false;
  let fallback: { sheet: XlsxSheet; found: HeaderSearch } | undefined;
  for await (const sheet of sheets) {
    names.push(sheet.name);
    const rows = sheet.rows[Symbol.asyncIterator]();
    const named =
      typeof wanted === 'number'
        ? sheet.index === wanted
        : sheet.name.trim().toLowerCase() === wanted?.trim().toLowerCase();
    if (wanted !== undefined ? chosen || !named : sheet.hidden) {
      await drain(rows);
      continue;
    }
    const found = await findHeader(rows, deadline);
    if (chosen) {
      if (found.header) info.otherSheets.push(sheet.name);
    } else if (found.header || wanted !== undefined) {
      chosen = true;
      info.sheet = sheet.name;
      info.date1904 = sheet.date1904;
      yield* dataRows(found, rows, info, deadline);
      continue;
    } else fallback ??= { sheet, found };
    await drain(rows);
  }
  if (wanted !== undefined && !chosen)
    throw new ReportError('report-sheet-missing', { sheet: String(wanted), sheets: names.join(', ') });
  if (names.length === 0) throw new ReportError('report-xlsx-unreadable');
  if (!chosen) {
    // No visible sheet has a header row: the first one's rows say why (or the workbook has no visible sheet).
    if (fallback) info.sheet = fallback.sheet.name;
    throw headerError(fallback?.found ?? { any: false, unknownEncoding: false });
  }
}

/**
 * @example
 * const info = new ReportInfo();
 * for await (const { kind, raw } of readReportRows(file, { maxBytes, maxRecordBytes }, info)) …
 */
export async function* readReportRows(
  source: ReportSource,
  limits: ReadLimits,
  info: ReportInfo,
): AsyncGenerator<ReportRow> {
  // CSV has the same deadline as XLSX (the workbook's readers keep their own from the same limits).
  const deadline = deadlineAfter(xlsxLimitsHere().maxMs);
  const opened = openSource(source, limits.maxBytes);
  info.totalBytes = opened.size;
  Object.assign(info, { counter: opened.counter });
  // The format is sniffed from the first 4 KiB (a refusal waits for no more); a CSV's delimiter from its first 64 KiB.
  const { head, chunks } = await peek(opened.chunks, 4096);
  const { kind }: SniffedFormat = opened.isText
    ? { kind: head.length === 0 ? 'empty' : 'csv' }
    : sniffFormat(head);
  if (kind === 'xlsx') {
    info.format = 'xlsx';
    yield* sheetRows(readXlsxSheets(chunks, undefined, opened.size), limits.sheet, info, deadline);
    return;
  }
  if (kind !== 'csv') throw new ReportError(REFUSED[kind][0], REFUSED[kind][1]);
  info.format = 'csv';
  const csv = { isText: opened.isText, maxRecordBytes: limits.maxRecordBytes, maxLines: limits.maxLines };
  const rows = readCsvRows(await peek(chunks, 64 * 1024), csv, info)[Symbol.asyncIterator]();
  yield* dataRows(await findHeader(rows, deadline), rows, info, deadline);
}
