/**
 * Bounds a workbook before exceljs reads it. An XLSX file is a ZIP of XML, and a hostile one costs
 * little to make: a 1 MB file that inflates to gigabytes, 20 KB of nested elements that take a gigabyte
 * of parser memory, rows with one cell in column XFD that make every row walk 16 384 slots. So every
 * entry is inflated here first (`DecompressionStream`, in browsers and Node alike) and its XML parsed as
 * it streams (xlsx-xml-scan.ts), against a deadline, and the workbook is refused with a stable code at
 * the first bound crossed.
 */
import { ReportError } from './report-error.js';
import { bound, XmlScan } from './xlsx-xml-scan.js';
import type { Counts } from './xlsx-xml-scan.js';

/** What a workbook may cost to read. */
export type XlsxLimits = {
  /** Bytes of the (compressed) file: refused before it is read when its size is known. */
  readonly maxFileBytes: number;
  /** Inflated bytes of one ZIP entry. */
  readonly maxEntryBytes: number;
  /** Inflated bytes of all entries together. */
  readonly maxTotalBytes: number;
  /** ZIP entries. */
  readonly maxEntries: number;
  /** Depth of XML element nesting (real workbooks stay under 10). */
  readonly maxDepth: number;
  /** Columns: a cell further right than this refuses the workbook (a sales report has about five). */
  readonly maxColumns: number;
  /** Row number of any row or cell (`report-too-many-rows`). */
  readonly maxRows: number;
  /** Cells in all worksheets together, and the cells of the merged, validated and named ranges exceljs fills in. */
  readonly maxCells: number;
  /** Shared strings (`report-xlsx-too-complex`). */
  readonly maxStrings: number;
  /** XML elements in all parts: rows, styles, text runs… (`report-xlsx-too-complex`). */
  readonly maxElements: number;
  /** Time for checking and reading the whole workbook (and a CSV file), in milliseconds. */
  readonly maxMs: number;
};

const MiB = 1024 * 1024;

/** The bounds in Node (streaming): far above any sales report, far below what hurts a terminal or a server. */
export const XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: Number.POSITIVE_INFINITY,
  maxEntryBytes: 128 * MiB,
  maxTotalBytes: 256 * MiB,
  maxEntries: 10_000,
  maxDepth: 64,
  maxColumns: 1024,
  maxRows: 1_048_576,
  maxCells: 10_000_000,
  maxStrings: 2_000_000,
  maxElements: 40_000_000,
  maxMs: 120_000,
};

/**
 * The bounds in a browser tab, where exceljs's browser build loads the whole workbook: about 250 bytes of heap a
 * cell (docs/reports.md, "Limits"): half a million cells read in about 10 s and 200 MiB of heap.
 */
export const BROWSER_XLSX_LIMITS: XlsxLimits = {
  ...XLSX_LIMITS,
  maxFileBytes: 16 * MiB,
  maxEntryBytes: 96 * MiB,
  maxTotalBytes: 128 * MiB,
  maxCells: 500_000,
  maxStrings: 250_000,
  maxElements: 3_000_000,
  maxMs: 60_000,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** One part of a ZIP archive, as its central directory lists it. */
export type ZipEntry = { name: string; method: number; compressedSize: number; offset: number };

const unreadable = (): ReportError => new ReportError('report-xlsx-unreadable');

/** The parts of a ZIP archive from its central directory (`report-xlsx-unreadable` when it has none). */
export function centralDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  const count = view.getUint16(end + 10, true);
  // Thousands of parts is no workbook a person saved.
  if (count > maxEntries) throw unreadable();
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw unreadable();
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      offset: view.getUint32(at + 42, true),
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw unreadable();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw unreadable();
  return bytes.subarray(start, start + entry.compressedSize);
}

/** A deadline check: throws `report-too-slow` once `maxMs` have passed since it was made. */
export function deadlineAfter(maxMs: number, now: () => number = () => Date.now()): () => void {
  const until = now() + maxMs;
  return () => {
    if (now() > until) throw new ReportError('report-too-slow', { limit: Math.round(maxMs / 1000) });
  };
}

/**
 * Inflates and scans every entry of a workbook against `limits`; throws a `ReportError` at the first
 * bound crossed (`report-xlsx-too-large`, `-too-deep`, `-too-wide`, `-too-many-cells`, `-too-complex`, `report-too-slow`) or
 * when the ZIP itself is broken (`report-xlsx-unreadable`). Resolves when the workbook is within bounds.
 *
 * @example
 * await checkXlsx(bytes, XLSX_LIMITS, deadlineAfter(XLSX_LIMITS.maxMs));
 */
export async function checkXlsx(bytes: Uint8Array, limits: XlsxLimits, deadline: () => void): Promise<void> {
  const entries = centralDirectory(bytes, limits.maxEntries);
  const counts: Counts = { cells: 0, strings: 0, elements: 0 };
  let total = 0;
  for (const entry of entries) {
    deadline();
    const scan = /\.(xml|rels|vml)$/i.test(entry.name) ? new XmlScan(limits, counts) : undefined;
    let inflated = 0;
    for await (const chunk of entryChunks(bytes, entry)) {
      bound((inflated += chunk.byteLength), limits.maxEntryBytes, 'report-xlsx-too-large');
      bound((total += chunk.byteLength), limits.maxTotalBytes, 'report-xlsx-too-large');
      scan?.feed(chunk);
      deadline();
    }
  }
}

/**
 * The inflated bytes of one part, as they come out of the decompressor (stored parts in one chunk). Only for an
 * archive `checkXlsx` has accepted: the bounds are checked there.
 */
export async function* entryChunks(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    yield data;
    return;
  }
  if (entry.method !== 8) throw unreadable();
  const reader = new Blob([data as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (cause) {
        throw new ReportError('report-xlsx-unreadable', {}, { cause });
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}
