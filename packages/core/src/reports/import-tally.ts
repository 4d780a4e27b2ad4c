/** Accumulates an import's outcome row by row, keeping details bounded. */
import type { ImportProgress, ImportResult, RowEvent, RowStatus } from './import-types.js';
import type { ReportError } from './report-error.js';
import type { ReportInfo } from './report-rows.js';
import { RowRanges } from './row-ranges.js';
import type { RowError, RowOutcome } from './types.js';

const RANGES = ['valid', 'registered', 'alreadyRegistered', 'notSent', 'provisional', 'withoutKey'] as const;

export class ImportTally {
  rows = 0;
  lastRow: number | undefined;
  skipped = 0;
  readonly ranges = Object.fromEntries(RANGES.map((k) => [k, new RowRanges()])) as Record<
    (typeof RANGES)[number],
    RowRanges
  >;
  readonly refused: RowOutcome[] = [];
  readonly invalid: RowOutcome[] = [];
  refusedCount = 0;
  invalidCount = 0;
  detailsTruncated = false;
  error: ImportResult['error'];

  constructor(
    private readonly maxDetails: number,
    private readonly onRow: ((event: RowEvent) => void) | undefined,
  ) {}

  /**
   * Records what happened to a row and tells `onRow`. `valid` is told only in a dry run (an import tells what the
   * server said); `invalid` and `refused` rows keep their errors, up to `maxDetails` in all.
   */
  mark(row: number, status: RowStatus, cardId?: string, errors?: readonly RowError[], dryRun = false): void {
    if (status === 'skipped') this.skipped++;
    else if (status === 'invalid' || status === 'refused') {
      const list = this[status];
      if (status === 'invalid') this.invalidCount++;
      else this.refusedCount++;
      if (this.invalid.length + this.refused.length < this.maxDetails)
        list.push({ row, ...(cardId ? { cardId } : {}), errors: errors ?? [] });
      else this.detailsTruncated = true;
    } else if (status === 'already-registered') this.ranges.alreadyRegistered.add(row);
    else this.ranges[status === 'not-sent' ? 'notSent' : status].add(row);
    if (status !== 'valid' || dryRun)
      this.onRow?.({ row, status, ...(cardId ? { cardId } : {}), ...(errors ? { errors } : {}) });
  }

  fail(error: ReportError): void {
    const { code, params, localized: message, row } = error;
    this.error = { code, params, message, ...(row ? { row } : {}) };
  }

  progress(info: ReportInfo): ImportProgress {
    const { valid, registered, alreadyRegistered } = this.ranges;
    return {
      format: info.format,
      bytesRead: info.counter.bytes,
      totalBytes: info.totalBytes,
      rowsRead: this.rows,
      valid: valid.count,
      registered: registered.count,
      alreadyRegistered: alreadyRegistered.count,
      refused: this.refusedCount,
      invalid: this.invalidCount,
    };
  }

  result(info: ReportInfo, dryRun: boolean): ImportResult {
    const { notSent } = this.ranges;
    const ok = !this.error && this.invalidCount === 0 && this.refusedCount === 0 && notSent.count === 0;
    const csv = info.format === 'csv';
    const counts = Object.fromEntries(RANGES.map((k) => [k, this.ranges[k].count]));
    return {
      ok,
      dryRun,
      format: info.format,
      encoding: csv ? info.encoding : undefined,
      delimiter: csv ? info.delimiter : undefined,
      headerRow: info.headerRow,
      sheet: info.format === 'xlsx' ? info.sheet : undefined,
      lastRow: this.lastRow,
      columns: info.columns,
      counts: {
        rows: this.rows,
        refused: this.refusedCount,
        invalid: this.invalidCount,
        skipped: this.skipped,
        ...(counts as Record<(typeof RANGES)[number], number>),
      },
      ...(Object.fromEntries(RANGES.map((k) => [k, this.ranges[k].ranges])) as Record<
        (typeof RANGES)[number],
        RowRanges['ranges']
      >),
      refused: this.refused,
      invalid: this.invalid,
      detailsTruncated: this.detailsTruncated,
      ...(this.error ? { error: this.error } : {}),
    };
  }
}
