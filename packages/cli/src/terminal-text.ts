/**
 * Text that came from a file or a server, made safe for a terminal: C0/C1 control characters (escape sequences
 * that retitle the window, clear the screen or fake a prompt), DEL and the bidirectional controls that reorder what
 * a reader sees ("Trojan Source") are shown as visible escapes. Line breaks stay.
 */
import { UNSAFE, visibleText } from '@kaiku-scanner/core/contract';
/**
 * @example
 * terminalText('Show\u001b[2J'); // 'Show\\x1B[2J'
 */
export const terminalText = (text: string): string => visibleText(text, true);

/**
 * JSON for a terminal: `JSON.stringify` escapes C0 controls but not C1 controls, DEL or bidi controls; those are
 * written as `\uXXXX` escapes too, so the output is still the same JSON value.
 *
 * @example
 * terminalJson({ sheet: 'A\u009b2J' }); // '{"sheet":"A\\u009B2J"}'
 */
export function terminalJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE, (char) =>
    // A raw line break in JSON text is `space`'s formatting.
    char === '\n' ? char : `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
