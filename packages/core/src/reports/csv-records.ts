/**
 * Splits CSV bytes into records without decoding them first. Delimiters, quotes and line breaks are
 * ASCII, and neither UTF-8 nor Windows-1252 uses those bytes inside other characters, so a record can
 * be cut out before its encoding is known, and each record is then decoded on its own (which is how
 * a file with mixed encodings is caught row by row). Quoted fields may hold line breaks.
 */
import { ReportError } from './report-error.js';
import { concat } from './byte-source.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

export type CsvRecord = { readonly row: number; readonly bytes: Uint8Array };

/**
 * @example
 * for await (const { row, bytes } of splitRecords(chunks, ';'.charCodeAt(0), 1 << 20)) …
 */
export async function* splitRecords(
  chunks: AsyncIterable<Uint8Array>,
  delimiter: number,
  maxRecordBytes: number,
): AsyncGenerator<CsvRecord> {
  let state = FIELD_START;
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let row = 0;
  let afterCr = false;
  const finish = (tail: Uint8Array): CsvRecord => {
    const bytes = pending.length === 0 ? tail : concat([...pending, tail], pendingLength + tail.byteLength);
    pending = [];
    pendingLength = 0;
    row++;
    return { row, bytes };
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
        // CRLF, LF, or a lone CR (classic Mac OS and some exporters) ends a record; the LF of a CRLF
        // split over two chunks ends nothing more.
        const lfAfterCr = b === LF && afterCr && i === start;
        afterCr = b === CR;
        state = FIELD_START;
        if (!lfAfterCr) yield finish(chunk.subarray(start, i));
        start = i + 1;
        continue;
      }
      afterCr = false;
      if (b === delimiter) state = FIELD_START;
      else if (b === QUOTE && state === FIELD_START) state = QUOTED;
      else state = UNQUOTED;
    }
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
          [value, i] = [value + text.slice(i), text.length];
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
