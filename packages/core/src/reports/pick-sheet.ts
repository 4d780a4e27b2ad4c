/**
 * Chooses the worksheet of a workbook that holds the sales report. Workbooks from ticket agents often
 * open with an instructions or summary sheet, or keep one sheet per month: the report is the first
 * visible sheet with a recognised header row (or the one the caller names). Later sheets that look
 * like reports too are named in `info.otherSheets`, so the import can say they were not read.
 */
import { recogniseHeader } from './header.js';
import { ReportError } from './report-error.js';
import type { CellValue, RawRow } from './types.js';

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

export type SheetInfo = { sheet: string | undefined; otherSheets: string[]; date1904: boolean };

const SEARCH_ROWS = 20;

const isBlank = (cells: readonly CellValue[]) =>
  cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

/** Reads a sheet's first rows until a header row is found (or `SEARCH_ROWS` non-blank rows were seen). */
async function scan(iterator: AsyncIterator<RawRow>): Promise<{ buffered: RawRow[]; header: boolean }> {
  const buffered: RawRow[] = [];
  let searched = 0;
  while (searched < SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    buffered.push(next.value);
    if (isBlank(next.value.cells)) continue;
    searched++;
    if (recogniseHeader(next.value.cells).ok) return { buffered, header: true };
  }
  return { buffered, header: false };
}

async function drain(iterator: AsyncIterator<RawRow>): Promise<void> {
  while (!(await iterator.next()).done);
}

function matches(sheet: XlsxSheet, wanted: string | number): boolean {
  if (typeof wanted === 'number') return sheet.index === wanted;
  return sheet.name.trim().toLowerCase() === wanted.trim().toLowerCase();
}

/**
 * @example
 * const info: SheetInfo = { sheet: undefined, otherSheets: [] };
 * for await (const row of pickSheetRows(readXlsxSheets(chunks), undefined, info)) …
 */
export async function* pickSheetRows(
  sheets: AsyncIterable<XlsxSheet>,
  wanted: string | number | undefined,
  info: SheetInfo,
): AsyncGenerator<RawRow> {
  let chosen = false;
  let fallback: { name: string; rows: RawRow[] } | undefined;
  const names: string[] = [];
  for await (const sheet of sheets) {
    names.push(sheet.name);
    const iterator = sheet.rows[Symbol.asyncIterator]();
    if (wanted !== undefined) {
      if (!chosen && matches(sheet, wanted)) {
        chosen = true;
        info.sheet = sheet.name;
        info.date1904 = sheet.date1904;
        yield* { [Symbol.asyncIterator]: () => iterator };
      } else await drain(iterator);
      continue;
    }
    if (sheet.hidden) {
      await drain(iterator);
      continue;
    }
    const { buffered, header } = await scan(iterator);
    if (chosen) {
      if (header) info.otherSheets.push(sheet.name);
    } else if (header) {
      chosen = true;
      info.sheet = sheet.name;
      info.date1904 = sheet.date1904;
      yield* buffered;
      yield* { [Symbol.asyncIterator]: () => iterator };
      continue;
    } else fallback ??= { name: sheet.name, rows: buffered };
    await drain(iterator);
  }
  if (wanted !== undefined && !chosen) {
    throw new ReportError('report-sheet-missing', { sheet: String(wanted), sheets: names.join(', ') });
  }
  if (names.length === 0) throw new ReportError('report-xlsx-unreadable');
  if (!chosen && fallback) {
    // No sheet has a header: the first visible sheet's rows give the usual "column missing" error.
    info.sheet = fallback.name;
    yield* fallback.rows;
  }
}
