/**
 * The usage report as an XLSX workbook, written with exceljs's streaming writer (rows are committed as
 * they come, so a long period does not build a whole workbook model in memory). Numbers are numbers,
 * dates are date cells, text cells are neutralised against formula injection.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type * as NodeStream from 'node:stream';
import { REPORT_COLUMN_LABELS } from '../messages/reports.js';
import { concat } from './byte-source.js';
import { neutraliseCell } from './neutralise.js';
import { hasNodeStreams, loadExcel } from './read-xlsx.js';
import type { UsageReportRow, UsageReportTotals } from './usage-report-rows.js';
import { addToTotals } from './usage-report-rows.js';
import { usageCells, usageHeader } from './write-usage-csv.js';
import type { ReportLayout } from './write-usage-csv.js';

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
  sheet.columns = [
    { width: 16 },
    { width: 16 },
    { width: 20 },
    { width: 40 },
    { width: 14 },
    { width: 12 },
    { width: 14 },
    { width: 38 },
  ];
  const bold = { bold: true };
  if (layout.title) {
    const title = sheet.addRow([neutraliseCell(layout.title)]);
    title.font = { bold: true, size: 13 };
    title.commit();
  }
  const header = sheet.addRow(usageHeader(layout.locale));
  header.font = bold;
  header.commit();
  const numFmt = layout.locale === 'en' ? 'yyyy-mm-dd' : 'd.m.yyyy';
  const totals: UsageReportTotals = { adultTickets: 0, childTickets: 0, rows: 0 };
  for await (const row of rows) {
    addToTotals(totals, row);
    const cells = usageCells(row, layout.locale, dateCell);
    const added = sheet.addRow(
      cells.map((c) => (c === '' ? null : typeof c === 'string' ? neutraliseCell(c) : c)),
    );
    added.getCell(5).numFmt = numFmt;
    added.commit();
  }
  const total = sheet.addRow([
    REPORT_COLUMN_LABELS.total[layout.locale],
    totals.adultTickets,
    totals.childTickets,
  ]);
  total.font = bold;
  total.commit();
  if (whole) chunks.push(new Uint8Array(await whole.xlsx.writeBuffer()));
  else {
    sheet.commit();
    await workbook.commit?.();
    await finished;
  }
  return { bytes: concat(chunks), totals };
}
