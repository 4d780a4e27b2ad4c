/** An import's bookkeeping: its outcome row by row (details bounded), row ranges, and row hashes seen. */
import type { ReportError } from './report-error.js';
import type { ReportInfo } from './report-rows.js';
import type {
  ShowMapping,
  ImportCounts,
  ImportProgress,
  ImportResult,
  RowError,
  RowEvent,
  RowOutcome,
  RowRange,
  RowStatus,
} from './types.js';

const RANGES = ['valid', 'registered', 'alreadyRegistered', 'notSent', 'provisional', 'withoutKey'] as const;
type Ranged = (typeof RANGES)[number];

export class ImportTally {
  rows = 0;
  lastRow: number | undefined;
  complete = false;
  readonly ranges = Object.fromEntries(RANGES.map((k) => [k, new RowRanges()])) as Record<Ranged, RowRanges>;
  /** Rows counted without their numbers; `invalid` and `refused` rows keep their details up to `maxDetails`. */
  private readonly tallies = { refused: 0, invalid: 0, skipped: 0 };
  private readonly details = { refused: [] as RowOutcome[], invalid: [] as RowOutcome[] };
  private detailsTruncated = false;
  private error: ImportResult['error'];

  constructor(
    private readonly maxDetails: number,
    private readonly onRow: ((event: RowEvent) => void) | undefined,
  ) {}

  /** Records what happened to a row and tells `onRow`; `valid` only in a dry run (an import tells what the server said). */
  mark(row: number, status: RowStatus, cardId?: string, errors?: readonly RowError[], dryRun = false): void {
    if (status === 'skipped') this.tallies.skipped++;
    else if (status === 'invalid' || status === 'refused') {
      this.tallies[status]++;
      if (this.details.invalid.length + this.details.refused.length < this.maxDetails)
        this.details[status].push({ row, ...(cardId ? { cardId } : {}), errors: errors ?? [] });
      else this.detailsTruncated = true;
    } else this.ranges[status.replace(/-(\w)/, (_, c: string) => c.toUpperCase()) as Ranged].add(row);
    if (status !== 'valid' || dryRun)
      this.onRow?.({ row, status, ...(cardId ? { cardId } : {}), ...(errors ? { errors } : {}) });
  }

  fail(error: ReportError): void {
    const { code, params, localized: message, row } = error;
    this.error = { code, params, message, ...(row ? { row } : {}) };
  }

  private counts(): ImportCounts {
    const ranged = Object.fromEntries(RANGES.map((k) => [k, this.ranges[k].count]));
    return { rows: this.rows, ...this.tallies, ...(ranged as Record<Ranged, number>) };
  }

  progress({ format, counter, totalBytes }: ReportInfo): ImportProgress {
    const { valid, registered, alreadyRegistered, refused, invalid } = this.counts();
    const counts = { valid, registered, alreadyRegistered, refused, invalid };
    return { format, bytesRead: counter.bytes, totalBytes, rowsRead: this.rows, ...counts };
  }

  result(info: ReportInfo, dryRun: boolean, shows: readonly ShowMapping[]): ImportResult {
    const counts = this.counts();
    const csv = info.format === 'csv';
    return {
      ok: !this.error && counts.invalid === 0 && counts.refused === 0 && counts.notSent === 0,
      dryRun,
      format: info.format,
      encoding: csv ? info.encoding : undefined,
      delimiter: csv ? info.delimiter : undefined,
      headerRow: info.headerRow,
      sheet: info.format === 'xlsx' ? info.sheet : undefined,
      lastRow: this.lastRow,
      complete: this.complete,
      columns: info.columns,
      headings: info.headings,
      counts,
      ...(Object.fromEntries(RANGES.map((k) => [k, this.ranges[k].ranges])) as Record<Ranged, RowRange[]>),
      ...this.details,
      shows,
      detailsTruncated: this.detailsTruncated,
      ...(this.error ? { error: this.error } : {}),
    };
  }
}

/** Row numbers as sorted inclusive ranges: appended in O(1); a group visit's rows, settled last, merged in. */
export class RowRanges {
  readonly ranges: { from: number; to: number }[] = [];
  count = 0;

  add(row: number): void {
    this.count++;
    const last = this.ranges[this.ranges.length - 1];
    if (!last || row > last.to + 1) this.ranges.push({ from: row, to: row });
    else if (row === last.to + 1) last.to = row;
    else this.insert(row);
  }

  private insert(row: number): void {
    const at = this.ranges.findIndex((r) => row <= r.to + 1);
    const range = this.ranges[at]!;
    if (row < range.from - 1) return void this.ranges.splice(at, 0, { from: row, to: row });
    range.from = Math.min(range.from, row);
    range.to = Math.max(range.to, row);
    // Joined to a neighbour: the two become one range.
    const next = this.ranges[at + 1];
    if (next && range.to + 1 === next.from) range.to = this.ranges.splice(at + 1, 1)[0]!.to;
    const previous = this.ranges[at - 1];
    if (previous && previous.to + 1 === range.from) previous.to = this.ranges.splice(at, 1)[0]!.to;
  }
}

/**
 * Formats ranges as `2–5, 9, 12–40` (for summaries and messages).
 *
 * @example
 * formatRanges([{ from: 2, to: 5 }, { from: 9, to: 9 }]); // '2–5, 9'
 */
export function formatRanges(ranges: readonly { readonly from: number; readonly to: number }[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`)).join(', ');
}

/**
 * The row each hash was first seen at: open addressing in typed arrays, ~24 bytes a row (a `Map`: three times that).
 */
export class RowHashSet {
  private hashes = new Float64Array(1024);
  private rows = new Int32Array(1024);
  private size = 0;

  /** The first row seen with `hash` (a non-negative integer below 2^53), or undefined. */
  get(hash: number): number | undefined {
    const slot = this.find(hash);
    return this.hashes[slot] === hash + 1 ? this.rows[slot] : undefined;
  }

  /** Records `hash` as first seen at `row` (no effect when already recorded). */
  add(hash: number, row: number): void {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    const slot = this.find(hash);
    if (this.hashes[slot] === hash + 1) return;
    this.hashes[slot] = hash + 1;
    this.rows[slot] = row;
    this.size++;
  }

  private find(hash: number): number {
    const mask = this.hashes.length - 1;
    // `>>> 0` keeps the low 32 bits of the (uniform) hash.
    let slot = (hash >>> 0) & mask;
    for (;;) {
      const stored = this.hashes[slot];
      if (stored === 0 || stored === hash + 1) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const hashes = this.hashes;
    const rows = this.rows;
    this.hashes = new Float64Array(hashes.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    this.size = 0;
    for (let i = 0; i < hashes.length; i++) {
      const stored = hashes[i]!;
      if (stored !== 0) this.add(stored - 1, rows[i]!);
    }
  }
}
