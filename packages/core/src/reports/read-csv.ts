/**
 * Streams the rows of a CSV report: delimiter sniffed from the first lines, records cut from the bytes, each record
 * decoded on its own with the file's encoding worked out as it goes, quoted fields with line breaks.
 *
 * Records are split before decoding: delimiters, quotes and line breaks are ASCII, and neither UTF-8 nor
 * Windows-1252 uses those bytes inside other characters. UTF-8 (with or without BOM) or Windows-1252: the first
 * record with non-ASCII bytes decides; a later record that only makes sense in the other encoding is a
 * mixed-encoding row error, never silent mojibake.
 */
import { concat } from './byte-source.js';
import { recogniseHeader } from './header.js';
import { ReportError } from './report-error.js';
import type { RawRow, RowIssue } from './types.js';

export const DELIMITERS = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter of a CSV head: an Excel `sep=` line wins; then the one that makes a header row of one of the
 * first lines; otherwise the candidate found most often on one line (outside quotes) among the first lines,
 * ties going to `;`, then `,`, tab, `|`.
 *
 * @example
 * sniffDelimiter('Kortin numero;Lapset;Tapahtuma\nA1;0;X'); // { delimiter: ';', sepLine: false }
 */
export function sniffDelimiter(head: string): { delimiter: Delimiter; sepLine: boolean } {
  const sep = /^\uFEFF?sep=(.)(?:\r\n?|\n)/i.exec(head);
  const declared = DELIMITERS.find((d) => d === sep?.[1]);
  if (declared) return { delimiter: declared, sepLine: true };
  const lines = head.split(/\r\n?|\n/);
  // A title row ("Teatteri Hilla, Helsinki, helmikuu 2020") must not make a semicolon report comma-separated.
  for (const line of lines.slice(0, 30)) {
    const delimiter = DELIMITERS.find((d) => line.includes(d) && recogniseHeader(splitFields(line, d)).ok);
    if (delimiter) return { delimiter, sepLine: false };
  }
  let best: Delimiter = ';';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    for (const line of lines.slice(0, 20)) {
      const count = line.replace(/"[^"]*"/g, '').split(delimiter).length - 1;
      if (count > bestCount) {
        best = delimiter;
        bestCount = count;
      }
    }
  }
  return { delimiter: best, sepLine: false };
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

const NO_BYTES = new Uint8Array(0);

/** A record, or (`blankLines`) a run of lines holding nothing but delimiters, spaces and tabs from `row` on. */
type CsvRecord = { readonly row: number; readonly bytes: Uint8Array; readonly blankLines?: number };

/**
 * @example
 * for await (const { row, bytes } of splitRecords(chunks, ';'.charCodeAt(0), 1 << 20, 2_000_000)) …
 */
export async function* splitRecords(
  chunks: AsyncIterable<Uint8Array>,
  delimiter: number,
  maxRecordBytes: number,
  maxLines = Infinity,
): AsyncGenerator<CsvRecord> {
  let state = FIELD_START;
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let row = 0;
  let afterCr = false;
  // Blank lines go up as one run per chunk: one row each through five async generators took 4 µs a line.
  let blank = true;
  let blanks = 0;
  const finish = (tail: Uint8Array): CsvRecord => {
    const bytes = pending.length === 0 ? tail : concat([...pending, tail], pendingLength + tail.byteLength);
    pending = [];
    pendingLength = 0;
    blank = true;
    if (++row > maxLines) throw new ReportError('report-too-many-lines', { limit: maxLines }, { row });
    return { row, bytes };
  };
  const run = (): CsvRecord => {
    const record = { row: row - blanks + 1, bytes: NO_BYTES, blankLines: blanks };
    blanks = 0;
    return record;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (state === QUOTED) {
        if (b === QUOTE) state = QUOTE_IN_QUOTED;
        continue;
      }
      if (state === QUOTE_IN_QUOTED && b === QUOTE) {
        state = QUOTED;
        continue;
      }
      if (b === LF || b === CR) {
        // CRLF, LF or a lone CR ends a record; the LF of a CRLF split over two chunks ends nothing more.
        const lfAfterCr = b === LF && afterCr && i === start;
        afterCr = b === CR;
        state = FIELD_START;
        if (!lfAfterCr) {
          const isBlank = blank;
          // The run so far goes up first, before a record or the line bound crossed here.
          if (blanks > 0 && (!isBlank || row === maxLines)) yield run();
          const record = finish(isBlank ? NO_BYTES : chunk.subarray(start, i));
          if (isBlank) blanks++;
          else yield record;
        }
        start = i + 1;
        continue;
      }
      afterCr = false;
      if (b !== delimiter && b !== 0x20 && b !== 0x09) blank = false; // a space or a tab is blank
      if (b === delimiter) state = FIELD_START;
      else if (b === QUOTE && state === FIELD_START) state = QUOTED;
      else state = UNQUOTED;
    }
    // Once a chunk at least, so the reader's deadline and cancelling are looked at.
    if (blanks > 0) yield run();
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      pendingLength += rest.byteLength;
      if (pendingLength > maxRecordBytes)
        throw new ReportError('report-record-too-long', { row: row + 1 }, { row: row + 1 });
      // Copy: the chunk's buffer may be reused by the stream that produced it.
      pending.push(rest.slice());
    }
  }
  if (pendingLength > 0) yield finish(new Uint8Array(0));
}

/**
 * Splits one decoded record into fields (RFC 4180 quoting; a quote inside an unquoted field is kept).
 *
 * @example
 * splitFields('A1;"Taikuri ""Matti""";3.2.2020', ';'); // ['A1', 'Taikuri "Matti"', '3.2.2020']
 */
export function splitFields(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  for (let i = 0; ;) {
    let value = '';
    if (text[i] === '"') {
      for (i++; ;) {
        const close = text.indexOf('"', i);
        if (close === -1) {
          value = value + text.slice(i);
          i = text.length;
          break;
        }
        value += text.slice(i, close);
        i = close + 1;
        if (text[i] !== '"') break;
        value += '"';
        i++;
      }
    }
    // After a closing quote, anything up to the delimiter is kept, as spreadsheets do.
    const next = text.indexOf(delimiter, i);
    fields.push(value + text.slice(i, next === -1 ? text.length : next));
    if (next === -1) return fields;
    i = next + delimiter.length;
  }
}

export type Encoding = 'utf-8' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('latin1');
// Windows-1252 at 0x80–0x9F (€ – — …): Node decodes it as ISO-8859-1 (C1 controls); 5 undefined bytes stay.
const C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_RANGE = /[\u0080-\u009f]/g;
const MAC_ROMAN_SIGN = /[a-zåäö][\u0160\u0152\u017d\u0178][a-zåäöš]/;
const UNDEFINED_1252 = /[\u0081\u008d\u008f\u0090\u009d]/;

/** Windows-1252, the same in Node and in browsers. */
function decodeWindows1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(C1_RANGE, (c) => C1.charAt(c.charCodeAt(0) - 0x80));
}

type Decoded = { readonly text: string } | { readonly issue: RowIssue };

/** What a record's bytes are: with control characters (other than tab and line breaks), ASCII, or other text. */
function byteClass(bytes: Uint8Array): 'control' | 'ascii' | 'text' {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return 'control';
    if (b >= 0x80) ascii = false;
  }
  return ascii ? 'ascii' : 'text';
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export class RecordDecoder {
  encoding: Encoding | undefined;
  private readonly fixed: boolean;

  /** `encoding` fixes it (a BOM was found, or the source was text); otherwise it is detected. */
  constructor(encoding?: Encoding) {
    this.encoding = encoding;
    this.fixed = encoding !== undefined;
  }

  decode(bytes: Uint8Array): Decoded {
    const kind = byteClass(bytes);
    if (kind === 'control') return { issue: { code: 'row-control-characters', params: {} } };
    if (kind === 'ascii') return { text: latin1.decode(bytes) };
    const asUtf8 = tryUtf8(bytes);
    if (this.encoding === undefined) this.encoding = asUtf8 === undefined ? 'windows-1252' : 'utf-8';
    if (this.encoding === 'utf-8') {
      if (asUtf8 !== undefined) return { text: asUtf8 };
      return { issue: { code: 'row-encoding-mixed', params: { encoding: 'UTF-8' } } };
    }
    // Valid multi-byte UTF-8 in a Windows-1252 file would decode as "Ã¤"-style mojibake.
    if (asUtf8 !== undefined && !this.fixed)
      return { issue: { code: 'row-encoding-mixed', params: { encoding: 'Windows-1252' } } };
    const text = decodeWindows1252(bytes);
    // Bytes Windows-1252 leaves undefined (Mac Roman's Å, ç, é, ê, ù among them): not text in this file.
    if (UNDEFINED_1252.test(text)) return { issue: { code: 'row-control-characters', params: {} } };
    // Mac Roman's ä is Windows-1252's Š ("KesŠyšntaika"): Š/Œ/Ž/Ÿ amid lower case is refused, not misread.
    if (MAC_ROMAN_SIGN.test(text)) return { issue: { code: 'row-encoding-unknown', params: {} } };
    return { text };
  }
}

export type CsvInfo = { delimiter: Delimiter | undefined; encoding: Encoding | undefined };

const BOM = [0xef, 0xbb, 0xbf];

/** The head as text: UTF-8 when it is (a character cut at the end aside), else Windows-1252. */
function decodeHead(head: Uint8Array): string {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(head);
  const bad = text.indexOf('\uFFFD');
  return bad === -1 || bad >= text.length - 3 ? text : decodeWindows1252(head);
}

/** Lines an unclosed quote swallowed (a cell with a line break, then a delimiter) so they never vanish, or 0. */
function runawayQuoteLines(cells: readonly string[], delimiter: string): number {
  for (const cell of cells) {
    const br = cell.search(/[\r\n]/);
    if (br !== -1 && cell.includes(delimiter, br)) return cell.slice(br).split(/\r\n?|\n/).length - 1;
  }
  return 0;
}

/**
 * @example
 * const info: CsvInfo = { delimiter: undefined, encoding: undefined };
 * const peeked = await peek(chunks, 64 * 1024); // the head the delimiter and encoding are sniffed from
 * for await (const row of readCsvRows(peeked, { isText: false, maxRecordBytes: 1 << 20, maxLines: 2e6 }, info)) …
 */
export async function* readCsvRows(
  { head, chunks }: { readonly head: Uint8Array; readonly chunks: AsyncIterable<Uint8Array> },
  options: { readonly isText: boolean; readonly maxRecordBytes: number; readonly maxLines: number },
  info: CsvInfo,
): AsyncGenerator<RawRow> {
  const hasBom = BOM.every((b, i) => head[i] === b);
  const headText = decodeHead(head);
  const { delimiter, sepLine } = sniffDelimiter(headText);
  info.delimiter = delimiter;
  const decoder = new RecordDecoder(options.isText || hasBom ? 'utf-8' : undefined);
  const records = splitRecords(chunks, delimiter.charCodeAt(0), options.maxRecordBytes, options.maxLines);
  for await (const record of records) {
    if (record.blankLines) {
      yield { row: record.row, cells: [], lines: record.blankLines };
      continue;
    }
    const first = record.row === 1;
    if (first && sepLine) continue;
    const decoded = decoder.decode(first && hasBom ? record.bytes.subarray(3) : record.bytes);
    info.encoding = decoder.encoding;
    if ('issue' in decoded) yield { row: record.row, cells: [], error: decoded.issue };
    else {
      const cells = splitFields(decoded.text, delimiter);
      const lines = runawayQuoteLines(cells, delimiter);
      yield lines > 0
        ? { row: record.row, cells: [], error: { code: 'row-quote-unclosed', params: { lines } } }
        : { row: record.row, cells };
    }
  }
  info.encoding ??= 'utf-8';
}
