/**
 * Collects row numbers as sorted inclusive ranges. Rows mostly come in increasing order (appended in O(1)); a
 * group visit's rows are settled at the end of the file and are merged into place.
 */
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
    if (row >= range.from && row <= range.to) return;
    if (row === range.to + 1) range.to = row;
    else if (row === range.from - 1) range.from = row;
    else {
      this.ranges.splice(at, 0, { from: row, to: row });
      return;
    }
    const next = this.ranges[at + 1];
    if (next && range.to + 1 === next.from) {
      range.to = next.to;
      this.ranges.splice(at + 1, 1);
    }
    const previous = this.ranges[at - 1];
    if (previous && previous.to + 1 === range.from) {
      previous.to = range.to;
      this.ranges.splice(at, 1);
    }
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
