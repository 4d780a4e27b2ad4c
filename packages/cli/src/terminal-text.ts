/**
 * Text that came from a file or a server, made safe for a terminal: C0/C1 control characters (escape sequences
 * that retitle the window, clear the screen or fake a prompt), DEL and the bidirectional controls that reorder what
 * a reader sees ("Trojan Source") are shown as visible escapes. Line breaks stay.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOf(char: string): string {
  const code = char.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * @example
 * terminalText('Show\u001b[2J'); // 'Show\\x1B[2J'
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escapeOf);
}

/**
 * JSON for a terminal: `JSON.stringify` escapes C0 controls but not C1 controls, DEL or bidi controls; those are
 * written as `\uXXXX` escapes too, so the output is still the same JSON value.
 *
 * @example
 * terminalJson({ sheet: 'A\u009b2J' }); // '{"sheet":"A\\u009B2J"}'
 */
export function terminalJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
