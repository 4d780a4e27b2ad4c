/**
 * Decodes CSV records one by one and works out the file's encoding as it goes: UTF-8 (with or without
 * BOM) or Windows-1252. The first record with non-ASCII bytes decides; a later record that only makes
 * sense in the other encoding is a mixed-encoding row error, never silent mojibake.
 */
import type { RowIssue } from './types.js';

export type Encoding = 'utf-8' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('latin1');
// What Windows-1252 puts at 0x80–0x9F (€ – — ‘ ’ “ ” … and so on). Node's TextDecoder decodes the label
// as ISO-8859-1 and returns C1 control characters there, so they are mapped here; the five bytes
// Windows-1252 leaves undefined stay as they are.
const C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_RANGE = /[\u0080-\u009f]/g;
const MAC_ROMAN_SIGN = /[a-zåäö][\u0160\u0152\u017d\u0178][a-zåäöš]/;
const UNDEFINED_1252 = /[\u0081\u008d\u008f\u0090\u009d]/;

/** Windows-1252, the same in Node and in browsers. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(C1_RANGE, (c) => C1.charAt(c.charCodeAt(0) - 0x80));
}

export type Decoded = { readonly text: string } | { readonly issue: RowIssue };

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
    if (asUtf8 !== undefined && !this.fixed) {
      return { issue: { code: 'row-encoding-mixed', params: { encoding: 'Windows-1252' } } };
    }
    const text = decodeWindows1252(bytes);
    // Bytes Windows-1252 leaves undefined (Mac Roman's Å, ç, é, ê, ù among them): not text in this file.
    if (UNDEFINED_1252.test(text)) return { issue: { code: 'row-control-characters', params: {} } };
    // Mac Roman ("CSV (Macintosh)") writes ä as 0x8A, Š in Windows-1252: "KesŠyšntaika". An upper-case
    // Š/Œ/Ž/Ÿ between lower-case letters is no Finnish or Swedish word; the row is refused, not misread.
    if (MAC_ROMAN_SIGN.test(text)) return { issue: { code: 'row-encoding-unknown', params: {} } };
    return { text };
  }
}
