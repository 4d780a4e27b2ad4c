/**
 * Streams the rows of a CSV report: delimiter sniffed from the first lines, encoding detected per record
 * (UTF-8 with or without BOM, Windows-1252), quoted fields with line breaks.
 */
import { peek } from './byte-source.js';
import { splitFields, splitRecords } from './csv-records.js';
import { decodeWindows1252, RecordDecoder } from './decode-record.js';
import { recogniseHeader } from './header.js';
import type { Encoding } from './decode-record.js';
import { DELIMITERS, sniffDelimiter } from './sniff.js';
import type { Delimiter } from './sniff.js';
import type { RawRow } from './types.js';

export type CsvInfo = { delimiter: Delimiter | undefined; encoding: Encoding | undefined };

const SNIFF_BYTES = 64 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

/** The head as text: UTF-8 when it is (a character cut at the end aside), else Windows-1252. */
function decodeHead(head: Uint8Array): string {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(head);
  const bad = text.indexOf('\uFFFD');
  return bad === -1 || bad >= text.length - 3 ? text : decodeWindows1252(head);
}

/**
 * A quote opened and not closed on its own line swallows the next lines into one cell until some later
 * quote closes it: those rows would silently vanish. A cell with a line break followed by a delimiter is
 * taken for that (a real multi-line event name has no delimiter on its later lines). Returns the number
 * of swallowed lines, or 0.
 */
function runawayQuoteLines(cells: readonly string[], delimiter: string): number {
  for (const cell of cells) {
    const br = cell.search(/[\r\n]/);
    if (br !== -1 && cell.includes(delimiter, br)) return cell.slice(br).split(/\r\n?|\n/).length - 1;
  }
  return 0;
}

function delimiterOfHeader(text: string): Delimiter | undefined {
  for (const line of text.split(/\r\n?|\n/).slice(0, 30)) {
    const delimiter = DELIMITERS.find((d) => line.includes(d) && recogniseHeader(splitFields(line, d)).ok);
    if (delimiter) return delimiter;
  }
  return undefined;
}

/**
 * @example
 * const info: CsvInfo = { delimiter: undefined, encoding: undefined };
 * for await (const row of readCsvRows(chunks, { isText: false, maxRecordBytes: 1 << 20 }, info)) …
 */
export async function* readCsvRows(
  source: AsyncIterable<Uint8Array>,
  options: { readonly isText: boolean; readonly maxRecordBytes: number },
  info: CsvInfo,
): AsyncGenerator<RawRow> {
  const { head, chunks } = await peek(source, SNIFF_BYTES);
  const hasBom = BOM.every((b, i) => head[i] === b);
  const headText = decodeHead(head);
  const sniffed = sniffDelimiter(headText);
  const { sepLine } = sniffed;
  // The delimiter that makes a header row of one of the first lines wins over counting: a title row
  // such as "Teatteri Hilla, Helsinki, helmikuu 2020" must not make a semicolon report comma-separated.
  const delimiter = sepLine ? sniffed.delimiter : (delimiterOfHeader(headText) ?? sniffed.delimiter);
  info.delimiter = delimiter;
  const decoder = new RecordDecoder(options.isText || hasBom ? 'utf-8' : undefined);
  for await (const record of splitRecords(chunks, delimiter.charCodeAt(0), options.maxRecordBytes)) {
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
