/**
 * `@kaiku-scanner/core/reports` — sales-report import and usage-report export: an entry of its own because XLSX
 * loads exceljs (and `node:stream`), which browser scanners do not need; CSV has no such dependency.
 */
export { importSalesReport } from './import-sales-report.js';
export type { ReportSource } from './byte-source.js';
export { exportUsageReport } from './export-usage-report.js';
export type { ExportedReport, ExportUsageReportOptions, UsageSource } from './export-usage-report.js';
export { csvCell, neutraliseCell, usageToReportRows } from './usage-report.js';
export type { UsageReportRow, UsageReportTotals } from './usage-report.js';
export { ReportError } from './report-error.js';
export { parseReportDate, parseReportTime, validateSalesRow, type RowValidation } from './validate-row.js';
export { recogniseHeader, REQUIRED_FIELDS, type ColumnMap, type HeaderResult } from './header.js';
export { formatRanges } from './import-tally.js';
export {
  performanceName,
  VenueShowsSchema,
  type ShowLister,
  type ShowMatch,
  type VenueShow,
} from './resolve-show.js';
// Every type of an import and its rows, and REPORT_FIELDS.
export * from './types.js';
export { REPORT_COLUMN_LABELS, reportMessages, type ReportMessageCode } from '../messages/reports.js';
