/**
 * The usage report as an XLSX workbook, written with exceljs's streaming writer (rows are committed as
 * they come, so a long period does not build a whole workbook model in memory). Numbers are numbers,
 * dates are date cells, text cells are neutralised against formula injection.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type * as NodeStream from 'node:stream';
import { concat } from './byte-source.js';
import { hasNodeStreams, loadExcel } from './read-xlsx.js';
import { neutraliseCell, usageLines } from './usage-report.js';
import type { ReportLayout, UsageReportRow, UsageReportTotals } from './usage-report.js';

const NODE_STREAM = 'node:stream';

function dateCell(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * @example
 * const { bytes, totals } = await writeUsageXlsx(rows, { locale: 'fi', delimiter: ';' });
 */
export async function writeUsageXlsx(
  rows: AsyncIterable<UsageReportRow>,
  layout: ReportLayout,
): Promise<{ bytes: Uint8Array; totals: UsageReportTotals }> {
  const ExcelJS = await loadExcel();
  const chunks: Uint8Array[] = [];
  let workbook: { addWorksheet(name: string): Worksheet; commit?: () => Promise<void> };
  let finished: Promise<void> = Promise.resolve();
  let whole: Workbook | undefined;
  if (hasNodeStreams()) {
    // Node: the streaming writer commits rows as they come.
    const { PassThrough } = (await import(/* @vite-ignore */ NODE_STREAM)) as typeof NodeStream;
    const sink = new PassThrough();
    sink.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    finished = new Promise<void>((resolve, reject) => {
      sink.on('end', resolve);
      sink.on('error', reject);
    });
    workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: sink,
      useStyles: true,
      useSharedStrings: false,
    });
  } else {
    whole = new ExcelJS.Workbook();
    workbook = whole;
  }
  const sheet = workbook.addWorksheet('Kaikukortti');
  sheet.columns = [16, 16, 20, 40, 14, 12, 14, 38].map((width) => ({ width }));
  const numFmt = layout.locale === 'en' ? 'yyyy-mm-dd' : 'd.m.yyyy';
  const totals: UsageReportTotals = { adultTickets: 0, childTickets: 0, rows: 0 };
  for await (const { kind, cells } of usageLines(rows, layout, dateCell, totals)) {
    const added = sheet.addRow(
      cells.map((c) => (c === '' ? null : typeof c === 'string' ? neutraliseCell(c) : c)),
    );
    if (kind === 'row') added.getCell(5).numFmt = numFmt;
    else added.font = kind === 'title' ? { bold: true, size: 13 } : { bold: true };
    added.commit();
  }
  if (whole) chunks.push(new Uint8Array(await whole.xlsx.writeBuffer()));
  else {
    sheet.commit();
    await workbook.commit?.();
    await finished;
  }
  return { bytes: concat(chunks), totals };
}
