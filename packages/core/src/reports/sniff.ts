/**
 * Looks at a report's first bytes: which format (CSV, XLSX, or something else) and, for CSV, which
 * delimiter. Pure functions over bytes.
 */

export type SniffedFormat = { readonly kind: 'csv' | 'xlsx' | 'legacy-xls' | 'utf-16' | 'binary' | 'empty' };

const startsWith = (head: Uint8Array, magic: readonly number[]) => magic.every((b, i) => head[i] === b);

const BINARY_MAGIC: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0xff, 0xd8, 0xff], // JPEG
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // MZ (Windows executables)
];

/**
 * @example
 * sniffFormat(new TextEncoder().encode('Kortin numero;Lapset')); // { kind: 'csv' }
 */
export function sniffFormat(head: Uint8Array): SniffedFormat {
  if (head.length === 0) return { kind: 'empty' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'legacy-xls' };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return { kind: 'utf-16' };
  if (BINARY_MAGIC.some((magic) => startsWith(head, magic))) return { kind: 'binary' };
  let nul = 0;
  let control = 0;
  for (const b of head) {
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  // UTF-16 text without a byte-order mark: every other byte of ASCII text is zero.
  if (nul > head.length * 0.3 && control < head.length * 0.05) return { kind: 'utf-16' };
  if (nul > 0 || control > head.length * 0.05) return { kind: 'binary' };
  const text = new TextDecoder('latin1').decode(head.subarray(0, 512));
  if (/^\s*<(\?xml|!doctype|html)/i.test(text)) return { kind: 'binary' };
  return { kind: 'csv' };
}

export const DELIMITERS = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter of a CSV head: an Excel `sep=` line wins; otherwise the candidate found most often
 * on one line (outside quotes) among the first lines, ties going to `;`, then `,`, tab, `|`.
 *
 * @example
 * sniffDelimiter('Kortin numero;Lapset;Tapahtuma\nA1;0;X'); // { delimiter: ';', sepLine: false }
 */
export function sniffDelimiter(head: string): { delimiter: Delimiter; sepLine: boolean } {
  const sep = /^\uFEFF?sep=(.)(?:\r\n?|\n)/i.exec(head);
  const declared = DELIMITERS.find((d) => d === sep?.[1]);
  if (declared) return { delimiter: declared, sepLine: true };
  const lines = head.split(/\r\n?|\n/).slice(0, 20);
  let best: Delimiter = ';';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    for (const line of lines) {
      const count = line.replace(/"[^"]*"/g, '').split(delimiter).length - 1;
      if (count > bestCount) {
        best = delimiter;
        bestCount = count;
      }
    }
  }
  return { delimiter: best, sepLine: false };
}
