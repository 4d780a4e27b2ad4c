/** Accumulates an import's outcome row by row, keeping details bounded. */
import type { LocalizedText } from '../messages/define.js';
import type { ImportProgress, ImportResult, RowEvent, RowStatus } from './import-types.js';
import type { ReportInfo } from './report-rows.js';
import { RowRanges } from './row-ranges.js';
import type { RowError, RowOutcome } from './types.js';

export class ImportTally {
  rows = 0;
  lastRow: number | undefined;
  skipped = 0;
  readonly valid = new RowRanges();
  readonly registered = new RowRanges();
  readonly alreadyRegistered = new RowRanges();
  readonly notSent = new RowRanges();
  readonly provisional = new RowRanges();
  /** Valid rows of an outbox's report without the record's key (sent under the import's own key). */
  readonly withoutKey = new RowRanges();
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

  private emit(row: number, status: RowStatus, cardId?: string, errors?: readonly RowError[]): void {
    this.onRow?.({ row, status, ...(cardId ? { cardId } : {}), ...(errors ? { errors } : {}) });
  }

  private keep(list: RowOutcome[], outcome: RowOutcome): void {
    if (list.length + (list === this.refused ? this.invalid.length : this.refused.length) < this.maxDetails) {
      list.push(outcome);
    } else this.detailsTruncated = true;
  }

  skip(row: number): void {
    this.skipped++;
    this.emit(row, 'skipped');
  }

  markInvalid(row: number, cardId: string | undefined, errors: readonly RowError[]): void {
    this.invalidCount++;
    this.keep(this.invalid, { row, ...(cardId ? { cardId } : {}), errors });
    this.emit(row, 'invalid', cardId, errors);
  }

  markValid(row: number, cardId: string, dryRun: boolean, provisional = false): void {
    this.valid.add(row);
    if (provisional) this.provisional.add(row);
    if (dryRun) this.emit(row, 'valid', cardId);
  }

  markRegistered(row: number, cardId: string, replayed: boolean): void {
    (replayed ? this.alreadyRegistered : this.registered).add(row);
    this.emit(row, replayed ? 'already-registered' : 'registered', cardId);
  }

  markRefused(row: number, cardId: string, error: RowError): void {
    this.refusedCount++;
    this.keep(this.refused, { row, cardId, errors: [error] });
    this.emit(row, 'refused', cardId, [error]);
  }

  markNotSent(row: number, cardId: string): void {
    this.notSent.add(row);
    this.emit(row, 'not-sent', cardId);
  }

  fail(error: {
    readonly code: string;
    readonly params: Readonly<Record<string, string | number | boolean | undefined>>;
    readonly localized: LocalizedText;
    readonly row?: number | undefined;
  }): void {
    this.error = {
      code: error.code,
      params: error.params,
      message: error.localized,
      ...(error.row ? { row: error.row } : {}),
    };
  }

  progress(info: ReportInfo): ImportProgress {
    return {
      format: info.format,
      bytesRead: info.counter.bytes,
      totalBytes: info.totalBytes,
      rowsRead: this.rows,
      valid: this.valid.count,
      registered: this.registered.count,
      alreadyRegistered: this.alreadyRegistered.count,
      refused: this.refusedCount,
      invalid: this.invalidCount,
    };
  }

  result(info: ReportInfo, dryRun: boolean): ImportResult {
    const ok = !this.error && this.invalidCount === 0 && this.refusedCount === 0 && this.notSent.count === 0;
    return {
      ok,
      dryRun,
      format: info.format,
      encoding: info.format === 'csv' ? info.encoding : undefined,
      delimiter: info.format === 'csv' ? info.delimiter : undefined,
      headerRow: info.headerRow,
      sheet: info.format === 'xlsx' ? info.sheet : undefined,
      lastRow: this.lastRow,
      columns: info.columns,
      counts: {
        rows: this.rows,
        valid: this.valid.count,
        registered: this.registered.count,
        alreadyRegistered: this.alreadyRegistered.count,
        refused: this.refusedCount,
        invalid: this.invalidCount,
        skipped: this.skipped,
        notSent: this.notSent.count,
        provisional: this.provisional.count,
        withoutKey: this.withoutKey.count,
      },
      valid: this.valid.ranges,
      registered: this.registered.ranges,
      alreadyRegistered: this.alreadyRegistered.ranges,
      notSent: this.notSent.ranges,
      provisional: this.provisional.ranges,
      withoutKey: this.withoutKey.ranges,
      refused: this.refused,
      invalid: this.invalid,
      detailsTruncated: this.detailsTruncated,
      ...(this.error ? { error: this.error } : {}),
    };
  }
}
