// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module: nothing to import
/// <reference path="./exceljs-browser.d.ts" />
/**
 * Streams an XLSX report's rows with exceljs's streaming parsers in Node (loaded on first use); browsers load the
 * workbook whole, within `BROWSER_XLSX_LIMITS`. `checkXlsx` bounds the file before exceljs sees a byte.
 */
import type { CellValue as ExcelCellValue } from 'exceljs';
import type * as ExcelNs from 'exceljs';
import type * as NodeStream from 'node:stream';
import { concat } from './byte-source.js';
import { ReportError, toReportError } from './report-error.js';
import type { XlsxSheet } from './report-rows.js';
import type { CellValue, RawRow } from './types.js';
import {
  BROWSER_XLSX_LIMITS,
  centralDirectory,
  checkXlsx,
  deadlineAfter,
  entryChunks,
  XLSX_LIMITS,
} from './xlsx-guard.js';
import type { XlsxLimits } from './xlsx-guard.js';

type ExcelModule = typeof ExcelNs;

// A variable specifier: browser bundlers must not try to resolve a Node built-in they never load.
const NODE_STREAM = 'node:stream';
const importNodeStream = () => import(/* @vite-ignore */ NODE_STREAM) as Promise<typeof NodeStream>;

/** True where Node's streams exist (Node, Deno, Bun), false in browsers. */
export function hasNodeStreams(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

export async function loadExcel(): Promise<ExcelModule> {
  // Browsers get exceljs's browser build (Node's main file needs `process`, streams, `fs`).
  const excel = (await (hasNodeStreams()
    ? import('exceljs')
    : import('exceljs/dist/exceljs.min.js'))) as unknown as Partial<ExcelModule> & { default?: ExcelModule };
  if (excel.Workbook) return excel as ExcelModule;
  // exceljs's browser build is a UMD bundle: loaded as a module it leaves its API on the global object.
  const found = excel.default ?? (globalThis as { ExcelJS?: ExcelModule }).ExcelJS;
  if (!found) throw new ReportError('report-xlsx-unreadable');
  return found;
}

/** The bounds where this code runs: Node streams a workbook, a browser tab loads it whole. */
export const xlsxLimitsHere = (): XlsxLimits => (hasNodeStreams() ? XLSX_LIMITS : BROWSER_XLSX_LIMITS);

/** The whole-workbook path (browsers): every worksheet's rows, converted as they are read. */
export async function* readXlsxSheetsBuffered(
  chunks: AsyncIterable<Uint8Array>,
  limits: XlsxLimits = xlsxLimitsHere(),
  size?: number,
): AsyncGenerator<XlsxSheet> {
  const deadline = deadlineAfter(limits.maxMs);
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  try {
    // JSZip (inside exceljs) reads the bytes as they are: no copy of the file.
    await workbook.xlsx.load((await checkedBytes(chunks, limits, deadline, size)) as unknown as ArrayBuffer);
  } catch (error) {
    throw toReportError(error, 'report-xlsx-unreadable');
  }
  if (workbook.worksheets.length === 0) throw new ReportError('report-xlsx-unreadable');
  for (const [i, sheet] of [...workbook.worksheets].entries()) {
    const rows: ExcelRow[] = [];
    sheet.eachRow(({ number, values }) => void rows.push({ number, values: values as ExcelCellValue[] }));
    yield {
      name: sheet.name,
      index: i + 1,
      hidden: sheet.state !== 'visible',
      date1904: workbook.properties.date1904 === true,
      rows: rawRows(rows, deadline),
    };
    // Read (or drained): its memory is free before the next sheet's rows are taken.
    workbook.removeWorksheet(sheet.id);
  }
}

/** A worksheet's rows (exceljs's, loaded or streaming) as the import reads them, within the deadline. */
async function* rawRows(
  rows: Iterable<ExcelRow> | AsyncIterable<ExcelRow>,
  deadline: () => void,
  text = (cell: CellValue): CellValue => cell,
): AsyncGenerator<RawRow> {
  try {
    deadline();
    for await (const { number, values } of rows) {
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells.push(text(toCell(values[i])));
      yield { row: number, cells };
      deadline();
    }
  } catch (error) {
    // exceljs's own failures come while the rows stream (a cell without `r` in this reader).
    throw toReportError(error, 'report-xlsx-unreadable');
  }
}

/**
 * ECMA-376's escape of characters XML cannot hold (`_x000D_`, `_x005F_` for a literal `_`): exceljs's streaming
 * reader leaves it in the text, its whole-workbook reader (browsers) undoes it, with this same rule.
 */
const unescapeXstring = (cell: CellValue): CellValue =>
  typeof cell === 'string'
    ? cell.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : cell;

/** Plain text of rich text, hyperlinks and shared strings; formulas kept as formulas (flagged later). */
export function toCell(value: ExcelCellValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('formula' in value || 'sharedFormula' in value)
    return { formula: String(('formula' in value ? value.formula : value.sharedFormula) ?? '') };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  // A hyperlink's text: a string, or rich text.
  if ('text' in value) return toCell(value.text as ExcelCellValue);
  return 'error' in value ? String(value.error) : null;
}

/**
 * Every worksheet in tab order, its rows as they stream. Node reads each part from the central directory, not
 * exceljs's one-pass unzip (it loses parts when its consumer is slow: exceljs#2790, #3064).
 *
 * @example
 * for await (const sheet of readXlsxSheets(chunks)) for await (const row of sheet.rows) …
 */
export async function* readXlsxSheets(
  chunks: AsyncIterable<Uint8Array>,
  limits: XlsxLimits = xlsxLimitsHere(),
  size?: number,
): AsyncGenerator<XlsxSheet> {
  if (!hasNodeStreams()) {
    yield* readXlsxSheetsBuffered(chunks, limits, size);
    return;
  }
  const deadline = deadlineAfter(limits.maxMs);
  const bytes = await checkedBytes(chunks, limits, deadline, size);
  const [{ Readable }, ExcelJS] = await Promise.all([importNodeStream(), loadExcel()]);
  const parts = new Map(centralDirectory(bytes, limits.maxEntries).map((entry) => [entry.name, entry]));
  const text = (name: string): AsyncGenerator<string> => decodeText(entryChunks(bytes, parts.get(name)!));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderParts;
  let index = 0;
  try {
    // exceljs's part parsers take a Node stream (they listen for 'data' and 'end').
    const part = (name: string): NodeStream.Readable | undefined =>
      parts.has(name) ? Readable.from(text(name)) : undefined;
    const rels = part('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const workbook = part('xl/workbook.xml');
    if (workbook) await reader._parseWorkbook(workbook);
    const strings = part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
    const styles = part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    for (const sheetNo of sheetNumbers([...parts.keys()], reader)) {
      for (const { value: sheet } of reader._parseWorksheet(
        text(`xl/worksheets/sheet${sheetNo}.xml`),
        sheetNo,
      )) {
        index++;
        yield {
          name: sheet.name,
          index,
          hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden',
          // The streaming reader has read workbook.xml (it comes before the sheets) when a sheet is emitted.
          date1904: reader.properties?.model?.date1904 === true,
          rows: rawRows(sheet, deadline, unescapeXstring),
        };
      }
    }
  } catch (error) {
    throw toReportError(error, 'report-xlsx-unreadable');
  }
  if (index === 0) throw new ReportError('report-xlsx-unreadable');
}

/** The parts of exceljs's streaming reader this module drives (exceljs is pinned; its reader is stable). */
type ReaderParts = {
  _parseRels(entry: NodeStream.Readable): Promise<void>;
  _parseWorkbook(entry: NodeStream.Readable): Promise<void>;
  _parseSharedStrings(entry: NodeStream.Readable): AsyncIterable<unknown>;
  _parseStyles(entry: NodeStream.Readable): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<string>, sheetNo: string): Iterable<{ value: StreamedSheet }>;
  workbookRels?: readonly { Id: string; Target: string }[];
  model?: { sheets?: readonly { rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
};

/** The `xl/worksheets/sheetN.xml` numbers in tab order; parts the workbook does not list follow by number. */
function sheetNumbers(names: readonly string[], reader: ReaderParts): string[] {
  const numbers = names.flatMap((name) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1] ?? []);
  const tab = (n: string): number => {
    const rel = reader.workbookRels?.find(
      (r) => r.Target.replace(/^\/?xl\//, '') === `worksheets/sheet${n}.xml`,
    );
    const at = rel ? (reader.model?.sheets ?? []).findIndex((sheet) => sheet.rId === rel.Id) : -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return numbers.sort((a, b) => tab(a) - tab(b) || Number(a) - Number(b));
}

/** UTF-8 text of a part, decoded as one stream (a character split between chunks stays whole). */
async function* decodeText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const part = decoder.decode(chunk, { stream: true });
    if (part) yield part;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

type ExcelRow = { readonly number: number; readonly values: readonly ExcelCellValue[] };
type StreamedSheet = AsyncIterable<ExcelRow> & { readonly name: string; readonly state?: string };

/** The whole (compressed) file, checked against `limits` (its size up front when known) before any XML parser sees it. */
async function checkedBytes(
  chunks: AsyncIterable<Uint8Array>,
  limits: XlsxLimits,
  deadline: () => void,
  size = 0,
): Promise<Uint8Array> {
  const tooLarge = () => new ReportError('report-xlsx-too-large-for-browser', { limit: limits.maxFileBytes });
  if (size > limits.maxFileBytes) throw tooLarge();
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    if ((length += chunk.byteLength) > limits.maxFileBytes) throw tooLarge();
    parts.push(chunk);
  }
  const bytes = concat(parts);
  await checkXlsx(bytes, limits, deadline);
  return bytes;
}
