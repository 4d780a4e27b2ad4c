/**
 * Outside text as a terminal or log may show it: control characters (escape sequences, a forged log line's CR/LF),
 * DEL and bidi controls ("Trojan Source") become visible escapes; `keepLineBreaks` keeps `\n`.
 *
 * @example
 * visibleText('GET /x\u001b[2J'); // 'GET /x\\x1B[2J'
 */
export function visibleText(text: string, keepLineBreaks = false): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    const hex = code.toString(16).toUpperCase();
    if (keepLineBreaks && c === '\n') return c;
    return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
  });
}

/** What `visibleText` escapes. */
export const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
