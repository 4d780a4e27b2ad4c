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
