/**
 * Streams the rows of a CSV report: delimiter sniffed from the first lines, encoding detected per record
 * (UTF-8 with or without BOM, Windows-1252), quoted fields with line breaks.
 */
import { peek } from './byte-source.js';
import { splitFields, splitRecords } from './csv-records.js';
import { RecordDecoder } from './decode-record.js';
import type { Encoding } from './decode-record.js';
import { sniffDelimiter } from './sniff.js';
import type { Delimiter } from './sniff.js';
import type { RawRow } from './types.js';

export type CsvInfo = { delimiter: Delimiter | undefined; encoding: Encoding | undefined };

const SNIFF_BYTES = 64 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

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
  const { delimiter, sepLine } = sniffDelimiter(new TextDecoder('latin1').decode(head));
  info.delimiter = delimiter;
  const decoder = new RecordDecoder(options.isText || hasBom ? 'utf-8' : undefined);
  let first = true;
  for await (const record of splitRecords(chunks, delimiter.charCodeAt(0), options.maxRecordBytes)) {
    let bytes = record.bytes;
    if (first && hasBom) bytes = bytes.subarray(3);
    if (first && sepLine) {
      first = false;
      continue;
    }
    first = false;
    const decoded = decoder.decode(bytes);
    info.encoding = decoder.encoding;
    if ('issue' in decoded) yield { row: record.row, cells: [], error: decoded.issue };
    else yield { row: record.row, cells: splitFields(decoded.text, delimiter) };
  }
  info.encoding ??= 'utf-8';
}
