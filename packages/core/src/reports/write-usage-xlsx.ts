/**
 * The usage report as an XLSX workbook, written with exceljs's streaming writer (rows are committed as
 * they come, so a long period does not build a whole workbook model in memory). Numbers are numbers,
 * dates are date cells, text cells are neutralised against formula injection.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type * as NodeStream from 'node:stream';
import type { Locale } from '../messages/define.js';
import { REPORT_COLUMN_LABELS, REPORT_MODE_LABELS } from '../messages/reports.js';
import { neutraliseCell } from './neutralise.js';
import { hasNodeStreams, loadExcel } from './read-xlsx.js';
import type { UsageReportRow, UsageReportTotals } from './usage-report-rows.js';
import { addToTotals } from './usage-report-rows.js';

export type XlsxLayout = {
  readonly locale: Locale;
  readonly title?: string | undefined;
  readonly sheetName: string;
};

const NODE_STREAM = 'node:stream';

function dateCell(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * @example
 * const { bytes, totals } = await writeUsageXlsx(rows, { locale: 'fi', sheetName: 'Kaikukortti' });
 */
export async function writeUsageXlsx(
  rows: AsyncIterable<UsageReportRow>,
  layout: XlsxLayout,
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
  const sheet = workbook.addWorksheet(layout.sheetName);
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
  const l = REPORT_COLUMN_LABELS;
  const bold = { bold: true };
  if (layout.title) {
    const title = sheet.addRow([neutraliseCell(layout.title)]);
    title.font = { bold: true, size: 13 };
    title.commit();
  }
  const header = sheet.addRow(
    [l.cardId, l.adults, l.children, l.event, l.date, l.time, l.mode, l.group].map((x) => x[layout.locale]),
  );
  header.font = bold;
  header.commit();
  const numFmt = layout.locale === 'en' ? 'yyyy-mm-dd' : 'd.m.yyyy';
  const totals: UsageReportTotals = { adultTickets: 0, childTickets: 0, rows: 0 };
  for await (const row of rows) {
    addToTotals(totals, row);
    const added = sheet.addRow([
      neutraliseCell(row.cardId),
      row.adultTickets,
      row.childTickets,
      neutraliseCell(row.show),
      dateCell(row.date),
      row.time ?? null,
      row.mode ? REPORT_MODE_LABELS[row.mode][layout.locale] : null,
      row.group === undefined ? null : neutraliseCell(row.group),
    ]);
    added.getCell(5).numFmt = numFmt;
    added.commit();
  }
  const total = sheet.addRow([l.total[layout.locale], totals.adultTickets, totals.childTickets]);
  total.font = bold;
  total.commit();
  if (whole) chunks.push(new Uint8Array(await whole.xlsx.writeBuffer()));
  else {
    sheet.commit();
    await workbook.commit?.();
    await finished;
  }
  const length = chunks.reduce((n, c) => n + c.byteLength, 0);
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, totals };
}
