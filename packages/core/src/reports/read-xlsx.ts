/**
 * Streams the rows of the first worksheet of an XLSX report with exceljs's streaming reader (Node), so
 * a 100 000-row workbook is never loaded whole. Both libraries are loaded on first use only.
 */
import type { CellValue as ExcelCellValue } from 'exceljs';
import { ReportError } from './report-error.js';
import type { CellValue, RawRow } from './types.js';

/** Plain text of rich text, hyperlinks and shared strings; formulas kept as formulas (flagged later). */
export function toCell(value: ExcelCellValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return { formula: String(formula ?? '') };
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('text' in value) {
    const text = value.text as unknown;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) {
      return (text as { richText: { text: string }[] }).richText.map((run) => run.text).join('');
    }
  }
  if ('error' in value) return String(value.error);
  return null;
}

/**
 * @example
 * for await (const row of readXlsxRows(chunks)) console.log(row.row, row.cells);
 */
export async function* readXlsxRows(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<RawRow> {
  const [{ Readable }, excel] = await Promise.all([import('node:stream'), import('exceljs')]);
  const ExcelJS = (excel as unknown as { default?: typeof excel }).default ?? excel;
  let sourceError: unknown;
  async function* guarded(): AsyncGenerator<Uint8Array> {
    try {
      yield* chunks;
    } catch (error) {
      sourceError = error;
      throw error;
    }
  }
  const input = Readable.from(guarded(), { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      if (sheets > 1) {
        // Only the first worksheet is the report; later ones are drained unread.
        for await (const _ of sheet) void _;
        continue;
      }
      for await (const row of sheet as unknown as AsyncIterable<{
        number: number;
        values: ExcelCellValue[];
      }>) {
        const values = row.values;
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
        yield { row: row.number, cells };
      }
    }
  } catch (error) {
    if (sourceError instanceof ReportError) throw sourceError;
    if (error instanceof ReportError) throw error;
    throw new ReportError('report-xlsx-unreadable', {}, { cause: error });
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new ReportError('report-xlsx-unreadable');
}
