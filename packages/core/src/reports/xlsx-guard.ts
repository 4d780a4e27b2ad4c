/**
 * Bounds a workbook before exceljs reads it. An XLSX file is a ZIP of XML, and a hostile one costs
 * little to make: a 1 MB file that inflates to gigabytes (exceljs spools it to a temp file), 20 KB of
 * nested elements that take a gigabyte of parser memory, rows with one cell in column XFD that make
 * every row walk 16 384 slots. So every entry is inflated here first, counting bytes, XML depth,
 * columns and cells as it streams, against a deadline — in browsers and Node alike
 * (`DecompressionStream`) — and the workbook is refused with a stable code at the first bound crossed.
 */
import { ReportError } from './report-error.js';

/** What a workbook may cost to read. */
export type XlsxLimits = {
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
  /** Cells in all worksheets together. */
  readonly maxCells: number;
  /** Time for checking and reading the whole workbook, in milliseconds. */
  readonly maxMs: number;
};

/** The default bounds: far above any sales report, far below what hurts a terminal or a server. */
export const XLSX_LIMITS: XlsxLimits = {
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntries: 10_000,
  maxDepth: 64,
  maxColumns: 1024,
  maxCells: 10_000_000,
  maxMs: 120_000,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** One part of a ZIP archive, as its central directory lists it. */
export type ZipEntry = { name: string; method: number; compressedSize: number; offset: number };
type Entry = ZipEntry;

const unreadable = (): ReportError => new ReportError('report-xlsx-unreadable');

/** The parts of a ZIP archive from its central directory (`report-xlsx-unreadable` when it has none). */
export function centralDirectory(bytes: Uint8Array, maxEntries: number): Entry[] {
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
  const entries: Entry[] = [];
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

function entryData(bytes: Uint8Array, entry: Entry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw unreadable();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw unreadable();
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Column number of a cell reference's letters (`A` → 1, `XFD` → 16 384). */
function columnOf(reference: string): number {
  let column = 0;
  for (const ch of reference) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

/** A streaming scan of XML bytes: element depth, and in worksheets each cell's column and count. */
class XmlScan {
  private depth = 0;
  private state: 'text' | 'open' | 'tag' | 'skip' = 'text';
  private quote = 0;
  private closing = false;
  private last = 0;
  private name = '';
  private naming = false;
  private attrs = '';
  constructor(
    private readonly limits: XlsxLimits,
    private readonly sheet: boolean,
    private readonly cells: { count: number },
  ) {}

  feed(chunk: Uint8Array): void {
    for (const byte of chunk) {
      switch (this.state) {
        case 'text':
          if (byte === 0x3c) this.state = 'open';
          break;
        case 'open':
          if (byte === 0x3f || byte === 0x21) {
            this.state = 'skip'; // <?…?>, <!--…-->, <!DOCTYPE…>
          } else {
            this.closing = byte === 0x2f;
            this.name = this.closing ? '' : String.fromCharCode(byte);
            this.naming = !this.closing;
            this.attrs = '';
            this.quote = 0;
            this.last = byte;
            this.state = 'tag';
          }
          break;
        case 'skip':
          if (byte === 0x3e) this.state = 'text';
          break;
        case 'tag':
          this.inTag(byte);
          break;
      }
    }
  }

  private inTag(byte: number): void {
    if (this.quote !== 0) {
      if (byte === this.quote) this.quote = 0;
      if (this.attrs.length < 256) this.attrs += String.fromCharCode(byte);
      return;
    }
    if (byte === 0x22 || byte === 0x27) {
      this.quote = byte;
      this.naming = false;
      if (this.attrs.length < 256) this.attrs += String.fromCharCode(byte);
      return;
    }
    if (byte === 0x3e) {
      this.endTag(this.last === 0x2f);
      this.state = 'text';
      return;
    }
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x2f)
      this.naming = false;
    else if (this.naming && this.name.length < 64) this.name += String.fromCharCode(byte);
    if (!this.naming && this.attrs.length < 256) this.attrs += String.fromCharCode(byte);
    this.last = byte;
  }

  private endTag(selfClosing: boolean): void {
    if (this.closing) {
      this.depth--;
      return;
    }
    if (!selfClosing && ++this.depth > this.limits.maxDepth) {
      throw new ReportError('report-xlsx-too-deep', { limit: this.limits.maxDepth });
    }
    const local = this.name.slice(this.name.indexOf(':') + 1);
    if (!this.sheet || local !== 'c') return;
    if (++this.cells.count > this.limits.maxCells) {
      throw new ReportError('report-xlsx-too-many-cells', { limit: this.limits.maxCells });
    }
    const reference = /(?:^|\s)r\s*=\s*["']\$?([A-Za-z]{1,7})/.exec(this.attrs)?.[1];
    if (reference !== undefined && columnOf(reference.toUpperCase()) > this.limits.maxColumns) {
      throw new ReportError('report-xlsx-too-wide', { limit: this.limits.maxColumns });
    }
  }
}

/** A deadline check: throws `report-xlsx-too-slow` once `limits.maxMs` have passed since `startedAt`. */
export function xlsxDeadline(limits: XlsxLimits, now: () => number = () => Date.now()): () => void {
  const until = now() + limits.maxMs;
  return () => {
    if (now() > until)
      throw new ReportError('report-xlsx-too-slow', { limit: Math.round(limits.maxMs / 1000) });
  };
}

/**
 * Inflates and scans every entry of a workbook against `limits`; throws a `ReportError` at the first
 * bound crossed (`report-xlsx-too-large`, `-too-deep`, `-too-wide`, `-too-many-cells`, `-too-slow`) or
 * when the ZIP itself is broken (`report-xlsx-unreadable`). Resolves when the workbook is within bounds.
 *
 * @example
 * await checkXlsx(bytes, XLSX_LIMITS, xlsxDeadline(XLSX_LIMITS));
 */
export async function checkXlsx(bytes: Uint8Array, limits: XlsxLimits, deadline: () => void): Promise<void> {
  const entries = centralDirectory(bytes, limits.maxEntries);
  const cells = { count: 0 };
  let total = 0;
  for (const entry of entries) {
    deadline();
    const isXml = /\.(xml|rels|vml)$/i.test(entry.name);
    const scan = isXml
      ? new XmlScan(limits, /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name), cells)
      : undefined;
    let inflated = 0;
    const count = (chunk: Uint8Array): void => {
      inflated += chunk.byteLength;
      total += chunk.byteLength;
      if (inflated > limits.maxEntryBytes)
        throw new ReportError('report-xlsx-too-large', { limit: limits.maxEntryBytes });
      if (total > limits.maxTotalBytes)
        throw new ReportError('report-xlsx-too-large', { limit: limits.maxTotalBytes });
      scan?.feed(chunk);
      deadline();
    };
    for await (const chunk of entryChunks(bytes, entry)) count(chunk);
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
