/**
 * Opens a report (CSV or XLSX, sniffed from its bytes), finds the header row among the first rows
 * (title rows such as "Teatteri Hilla" may come first) and yields the data rows after it, with blank
 * and totals rows marked, so the import only sees what a person would call the report's rows.
 */
import { openSource, peek } from './byte-source.js';
import type { ReportSource } from './byte-source.js';
import { matchHeader, recogniseHeader, REQUIRED_FIELDS } from './header.js';
import type { ColumnMap, HeaderResult } from './header.js';
import { readCsvRows } from './read-csv.js';
import type { CsvInfo } from './read-csv.js';
import { pickSheetRows } from './pick-sheet.js';
import type { SheetInfo } from './pick-sheet.js';
import { readXlsxSheets, xlsxLimitsHere } from './read-xlsx.js';
import { deadlineAfter } from './xlsx-guard.js';
import { ReportError } from './report-error.js';
import { sniffFormat } from './sniff.js';
import type { CellValue, RawRow, ReportField } from './types.js';

export type ReportInfo = CsvInfo &
  SheetInfo & {
    format: 'csv' | 'xlsx' | undefined;
    headerRow: number | undefined;
    columns: ColumnMap | undefined;
    totalBytes: number | undefined;
    readonly counter: { readonly bytes: number };
  };

export type ReportRow = { readonly kind: 'data' | 'blank' | 'totals' | 'header'; readonly raw: RawRow };

export type ReadLimits = {
  readonly maxBytes: number;
  readonly maxRecordBytes: number;
  /** The worksheet to read (name or 1-based position); by default the first with a header row. */
  readonly sheet?: string | number;
};

const HEADER_SEARCH_ROWS = 20;
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
    // A totals row without a label (only counts, no card, no event, no date), or labelled in another
    // column than the first ("; 1; 2; Yhteensä;").
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

function headerError(result: Extract<HeaderResult, { ok: false }>, row: number): ReportError {
  return new ReportError(result.code, { columns: result.fields.join(', ') }, { row });
}

async function openRows(
  source: ReportSource,
  limits: ReadLimits,
  info: ReportInfo,
): Promise<AsyncIterable<RawRow>> {
  const opened = openSource(source, limits.maxBytes);
  info.totalBytes = opened.size;
  Object.assign(info, { counter: opened.counter });
  const { head, chunks } = await peek(opened.chunks, 4096);
  const format = opened.isText ? { kind: head.length === 0 ? 'empty' : 'csv' } : sniffFormat(head);
  switch (format.kind) {
    case 'empty':
      throw new ReportError('report-empty');
    case 'xlsx':
      info.format = 'xlsx';
      return pickSheetRows(readXlsxSheets(chunks, undefined, opened.size), limits.sheet, info);
    case 'legacy-xls':
      throw new ReportError('report-legacy-xls');
    case 'utf-16':
      throw new ReportError('report-encoding-unsupported', { encoding: 'UTF-16' });
    case 'binary':
      throw new ReportError('report-binary');
    default:
      info.format = 'csv';
      return readCsvRows(chunks, { isText: opened.isText, maxRecordBytes: limits.maxRecordBytes }, info);
  }
}

/**
 * @example
 * const info = newReportInfo();
 * for await (const { kind, raw } of readReportRows(file, { maxBytes, maxRecordBytes }, info)) …
 */
export async function* readReportRows(
  source: ReportSource,
  limits: ReadLimits,
  info: ReportInfo,
): AsyncGenerator<ReportRow> {
  // CSV has the same deadline as XLSX (the workbook's readers keep their own from the same limits).
  const deadline = deadlineAfter(xlsxLimitsHere().maxMs);
  const rows = await openRows(source, limits, info);
  let columns: ColumnMap | undefined;
  let best: { result: Extract<HeaderResult, { ok: false }>; row: number } | undefined;
  let searched = 0;
  let previous: RawRow | undefined;
  let unknownEncoding = false;
  let any = false;
  for await (const raw of rows) {
    deadline();
    if (columns) {
      yield { kind: classify(raw, columns), raw };
      continue;
    }
    if (raw.error || raw.cells.every(isEmpty)) {
      any ||= raw.error !== undefined;
      unknownEncoding ||= raw.error?.code === 'row-encoding-unknown';
      continue;
    }
    any = true;
    let result = recogniseHeader(raw.cells);
    // A two-row header: "Lippuja" over "Aikuiset | Lapset", "Kortin" over "numero".
    if (!result.ok && previous?.row === raw.row - 1) {
      const joined = recogniseHeader(joinHeaderRows(previous.cells, raw.cells));
      if (joined.ok) result = joined;
    }
    previous = raw;
    if (result.ok) {
      columns = result.columns;
      info.columns = columns;
      info.headerRow = raw.row;
      continue;
    }
    if (!best || result.score > best.result.score) best = { result, row: raw.row };
    if (++searched >= HEADER_SEARCH_ROWS) break;
  }
  if (!any) throw new ReportError('report-empty');
  if (!columns) {
    // The header itself could not be decoded (a Mac Roman "Päivämäärä"): say so, not "column missing".
    if (unknownEncoding) throw new ReportError('report-encoding-unsupported', { encoding: 'Mac Roman' });
    if (best && best.result.score > 0) throw headerError(best.result, best.row);
    throw headerError(
      { ok: false, code: 'report-header-missing', fields: [...REQUIRED_FIELDS], score: 0 },
      1,
    );
  }
}

export function newReportInfo(): ReportInfo {
  return {
    format: undefined,
    delimiter: undefined,
    encoding: undefined,
    headerRow: undefined,
    columns: undefined,
    totalBytes: undefined,
    sheet: undefined,
    otherSheets: [],
    date1904: false,
    counter: { bytes: 0 },
  };
}
