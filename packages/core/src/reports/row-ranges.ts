/** Collects row numbers (in increasing order) as inclusive ranges. */
export class RowRanges {
  readonly ranges: { from: number; to: number }[] = [];
  count = 0;

  add(row: number): void {
    this.count++;
    const last = this.ranges[this.ranges.length - 1];
    if (last && last.to + 1 === row) last.to = row;
    else this.ranges.push({ from: row, to: row });
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
