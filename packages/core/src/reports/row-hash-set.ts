/**
 * Remembers which row hashes a file has had, and at which row each was first seen: an open-addressing
 * table of 52-bit hashes in typed arrays, about 24 bytes per distinct row (a `Map` with number keys
 * costs three times that), so duplicate detection stays small next to a streamed file.
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
