/**
 * Bounds a workbook before exceljs reads it (a hostile XLSX is cheap: a zip bomb, deep nesting, a cell in column
 * XFD): every entry is inflated and its XML scanned as it streams, against a deadline, refused at the first bound.
 */
import type { ReportMessageCode } from '../messages/reports.js';
import { ReportError } from './report-error.js';

const MiB = 1024 * 1024;

/** The bounds in Node (streaming): far above any sales report, far below what hurts a terminal or a server. */
export const XLSX_LIMITS = {
  maxFileBytes: Number.POSITIVE_INFINITY, // compressed; refused before it is read when its size is known
  maxEntryBytes: 128 * MiB, // inflated, one ZIP entry
  maxTotalBytes: 256 * MiB, // inflated, all entries
  maxEntries: 10_000,
  maxDepth: 64, // XML nesting (real workbooks stay under 10)
  maxColumns: 1024, // a sales report has about five
  maxRows: 1_048_576, // row number of any row or cell
  maxCells: 10_000_000, // in all sheets, with the merged, validated and named ranges exceljs fills in
  maxStrings: 2_000_000, // shared strings
  maxElements: 40_000_000, // XML elements in all parts
  maxMs: 120_000, // checking and reading the whole workbook (and a CSV file)
};

/** What a workbook may cost to read. */
export type XlsxLimits = Readonly<typeof XLSX_LIMITS>;

/** The bounds in a browser tab, which loads the whole workbook (~250 B of heap a cell; docs/reports.md, "Limits"). */
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
type ZipEntry = { name: string; method: number; compressedSize: number; offset: number };

const unreadable = (): ReportError => new ReportError('report-xlsx-unreadable');

/** The parts of a ZIP archive from its central directory (`report-xlsx-unreadable` when it has none). */
export function centralDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes but for a comment of up to 65 535.
  const first = Math.max(0, bytes.length - 22 - 65_535);
  let end = bytes.length - 22;
  while (end >= first && view.getUint32(end, true) !== EOCD) end--;
  if (end < first) throw unreadable();
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
 * Inflates and scans every entry of a workbook; throws a `ReportError` at the first bound crossed, or
 * `report-xlsx-unreadable` for a broken ZIP.
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

/** The inflated bytes of one part, as they come (unbounded: only for an archive `checkXlsx` accepted). */
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

// The XML scan reads the start tags exceljs turns into cells, rows and ranges as it does; a DOCTYPE is refused.
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const DASH = 0x2d;
const RSQB = 0x5d;
const DQ = 0x22;
const SQ = 0x27;
// Where the scanner is; DECL: after `<!`, PI: in a processing instruction.
const TEXT = 0;
const OPEN = 1;
const NAME = 2;
const TAG = 3;
const END = 4;
const DECL = 5;
const COMMENT = 6;
const CDATA = 7;
const PI = 8;
/** Elements whose attribute values are bounded (their start tags are parsed). */
const BOUNDED = new Set(['c', 'row', 'col', 'mergeCell', 'dataValidation']);
/** Longest start tag or defined name parsed: far above Excel's own (a cell's tag is ~30 bytes). */
const MAX_MARKUP = 64 * 1024;
/** Excel's last column (XFD): exceljs makes one object per column of a `<col>` range up to its `max`. */
const LAST_COLUMN = 16_384;

/** Column and row of a cell reference, exactly as exceljs reads it (`colCache.decodeAddress`). */
function decodeAddress(value: string): { col: number | undefined; row: number | undefined } {
  let col = 0;
  let row = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      col = col * 26 + c - 64;
      hasCol = true;
    } else if (c >= 48 && c <= 57) {
      row = row * 10 + c - 48;
      hasRow = true;
    } else if (hasRow && hasCol && c !== 36) break;
  }
  return { col: hasCol ? col : undefined, row: hasRow ? row : undefined };
}

/** Cells the ranges of a list (`A1:B2 C3:D4`, `Sheet!$A$1:$B$2,…`) span: what exceljs fills in for them. */
function rangeCells(list: string): number {
  let cells = 0;
  for (const part of list.split(/[\s,]+/)) {
    const [from, to] = part.slice(part.lastIndexOf('!') + 1).split(':');
    if (to === undefined) continue;
    const a = decodeAddress(from ?? '');
    const b = decodeAddress(to);
    if (a.col === undefined || a.row === undefined || b.col === undefined || b.row === undefined) continue;
    cells += (Math.abs(a.row - b.row) + 1) * (Math.abs(a.col - b.col) + 1);
  }
  return cells;
}

/** Character and entity references decoded, as an XML parser does (unknown ones are left as they are). */
function unescapeXml(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (!ref.startsWith('#')) return named[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Every attribute of a start tag (after its name) by local name, values unescaped; repeats kept. */
function attributesOf(tag: string): [string, string][] {
  const found: [string, string][] = [];
  const pattern = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = pattern.exec(tag); m; m = pattern.exec(tag)) {
    const value = m[2] ?? m[3] ?? '';
    found.push([m[1]!.slice(m[1]!.indexOf(':') + 1), value.includes('&') ? unescapeXml(value) : value]);
  }
  return found;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Refuses with `code` when `value` is over `limit` (NaN and undefined never are). */
function bound(value: number | undefined, limit: number, code: ReportMessageCode): void {
  if (value !== undefined && value > limit) throw new ReportError(code, { limit });
}

/** What all parts of a workbook add up to. */
type Counts = { cells: number; strings: number; elements: number };

/** One part's scan; `counts` are the whole workbook's. */
class XmlScan {
  private depth = 0;
  private state = TEXT;
  private run = 0;
  private quote = 0;
  private last = 0;
  private name = '';
  /** The start tag of a bounded element so far, and where it starts in the chunk being fed. */
  private markup: string | undefined;
  private from = 0;
  /** A defined name's text so far. */
  private text: string | undefined;
  private column = 0;
  constructor(
    private readonly limits: XlsxLimits,
    private readonly counts: Counts,
  ) {}

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      switch (this.state) {
        case TEXT:
          if (this.text === undefined) {
            i = chunk.indexOf(LT, i);
            if (i < 0) return;
            this.state = OPEN;
          } else if (byte === LT) this.state = OPEN;
          else this.text = this.keep(this.text, chunk, i, i + 1);
          break;
        case OPEN:
          this.state = byte === SLASH ? END : byte === BANG ? DECL : byte === QMARK ? PI : NAME;
          this.name = this.state === NAME ? String.fromCharCode(byte) : '';
          this.run = 0;
          this.last = byte;
          break;
        case NAME:
          if (byte === GT || byte === SLASH || byte <= 0x20) {
            this.markup = BOUNDED.has(localName(this.name)) ? '' : undefined;
            this.from = i;
            this.state = TAG;
            i--;
          } else if (this.name.length < 64) this.name += String.fromCharCode(byte);
          break;
        case TAG:
          if (this.quote === 0 && byte === GT) {
            if (this.markup !== undefined) this.markup = this.keep(this.markup, chunk, this.from, i);
            this.startTag(this.last === SLASH);
            this.state = TEXT;
            break;
          }
          if (this.quote === byte) this.quote = 0;
          else if (this.quote === 0 && (byte === DQ || byte === SQ)) this.quote = byte;
          this.last = byte;
          break;
        case END:
          if (byte !== GT) break;
          this.depth--;
          this.state = TEXT;
          if (this.text) this.addCells(rangeCells(unescapeXml(this.text)));
          this.text = undefined;
          break;
        case DECL:
          // `<!--` or `<![CDATA[`; anything else is a DOCTYPE or worse.
          this.name += String.fromCharCode(byte);
          if (this.name === '--' || this.name === '[CDATA[')
            this.state = this.name === '--' ? COMMENT : CDATA;
          else if (!'--'.startsWith(this.name) && !'[CDATA['.startsWith(this.name)) throw unreadable();
          break;
        default: {
          // The end of a comment (`-->`), a CDATA section (`]]>`) or a processing instruction (`?>`).
          const mark = this.state === COMMENT ? DASH : this.state === CDATA ? RSQB : QMARK;
          if (byte === GT && this.run >= (this.state === PI ? 1 : 2)) this.state = TEXT;
          this.run = byte === mark ? this.run + 1 : 0;
        }
      }
    }
    // A bounded element's start tag that goes on in the next chunk.
    if (this.markup !== undefined && this.state === TAG) {
      this.markup = this.keep(this.markup, chunk, this.from, chunk.length);
      this.from = 0;
    }
  }

  /** `into` and the bytes from `from` to `to` as text (only ASCII means anything in what is bounded). */
  private keep(into: string, chunk: Uint8Array, from: number, to: number): string {
    if (into.length + to - from > MAX_MARKUP) throw unreadable();
    return into + String.fromCharCode.apply(null, chunk.subarray(from, to) as unknown as number[]);
  }

  private addCells(n: number): void {
    bound((this.counts.cells += n), this.limits.maxCells, 'report-xlsx-too-many-cells');
  }

  private startTag(selfClosing: boolean): void {
    const { limits, counts } = this;
    const local = localName(this.name);
    bound(++counts.elements, limits.maxElements, 'report-xlsx-too-complex');
    if (!selfClosing) bound(++this.depth, limits.maxDepth, 'report-xlsx-too-deep');
    if (local === 'si') bound(++counts.strings, limits.maxStrings, 'report-xlsx-too-complex');
    if (local === 'definedName' && !selfClosing) this.text = '';
    // A cell without `r` is the one after the previous cell of its row.
    if (local === 'row' || local === 'c') this.column = local === 'row' ? 0 : this.column + 1;
    if (local === 'c') this.addCells(1);
    for (const [name, value] of this.markup ? attributesOf(this.markup) : []) {
      if (local === 'row' && name === 'r') bound(parseInt(value, 10), limits.maxRows, 'report-too-many-rows');
      else if (local === 'c' && name === 'r') {
        const { col, row } = decodeAddress(value);
        this.column = col ?? this.column;
        bound(row, limits.maxRows, 'report-too-many-rows');
      } else if (local === 'col' && (name === 'min' || name === 'max'))
        bound(parseInt(value, 10), LAST_COLUMN, 'report-xlsx-too-wide');
      else if (name === 'ref' || name === 'sqref') this.addCells(rangeCells(value));
    }
    this.markup = undefined;
    if (local === 'c') bound(this.column, limits.maxColumns, 'report-xlsx-too-wide');
  }
}
