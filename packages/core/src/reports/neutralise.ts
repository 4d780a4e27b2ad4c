/**
 * Formula-injection defence for exported cells (OWASP "CSV injection"): a text cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with an apostrophe, so no spreadsheet runs it
 * (`=HYPERLINK("http://evil", "Click")` stays text). Numbers are written as numbers and never touched.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

/**
 * Makes a text cell safe to open in a spreadsheet: one that would start a formula gets a leading apostrophe.
 *
 * @example
 * neutraliseCell('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 * neutraliseCell('Taikuri Matti');          // 'Taikuri Matti'
 */
export function neutraliseCell(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/**
 * A CSV field: text neutralised, and quoted (RFC 4180) when it holds the separator, a quote, a line break or
 * leading or trailing spaces; numbers as they are. Every CSV the SDK writes uses it.
 *
 * @example
 * csvCell('Taikuri "Matti"; 2', ';'); // '"Taikuri ""Matti""; 2"'
 */
export function csvCell(value: string | number, sep: string): string {
  if (typeof value === 'number') return String(value);
  const text = neutraliseCell(value);
  return text.includes(sep) || /["\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as Excel writes it). */
export const csvLine = (values: readonly (string | number)[], sep: string): string =>
  values.map((v) => csvCell(v, sep)).join(sep) + '\r\n';
