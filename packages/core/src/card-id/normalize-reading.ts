/**
 * Cleans a raw reading without guessing: only transformations that cannot change which card is meant.
 */

/**
 * A cleaned reading.
 *
 * @example
 * const { text, starred } = normalizeReading(' *a999005458* ');
 */
export type NormalizedReading = {
  /** Upper-case text with surrounding whitespace, control and format characters removed. */
  readonly text: string;
  /** True when `*…*` Code 39 start/stop characters surrounded the text (removed from `text`). */
  readonly starred: boolean;
  /** True when a plain space directly followed the text (a Code 39 check character may be a space). */
  readonly trailingSpace: boolean;
};

// Cc (C0/C1 controls: CR, LF, TAB, STX, ETX, GS, …) and Cf (BOM, zero-width spaces, direction marks):
// invisible, never part of an ID; wedge scanners and copy-paste add them.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
// The Halfwidth and Fullwidth Forms block: an Asian IME or keyboard layout turns A9 into Ａ９.
// NFKC is applied to this block only: elsewhere it would turn Ⅹ into X or ① into 1 — guesses.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const LOWER_ASCII = /[a-z]/g;

/**
 * Removes what a wedge, a camera or a copy-paste adds around an ID; changes no character into another,
 * except full-width to ASCII and ASCII lower to upper case.
 *
 * @example
 * normalizeReading('\uFEFF *a999005458*\r\n').text; // 'A999005458'
 */
export function normalizeReading(raw: string): NormalizedReading {
  const visible = String(raw)
    .replace(INVISIBLE, '')
    .replace(FULL_WIDTH, (c) => c.normalize('NFKC'));
  const start = visible.search(/\S/u);
  const leading = start < 0 ? '' : visible.slice(start);
  const text = leading.trimEnd();
  const trailingSpace = leading.charAt(text.length) === ' ';
  const upper = text.replace(LOWER_ASCII, (c) => c.toUpperCase());
  const starred = upper.length >= 2 && upper.startsWith('*') && upper.endsWith('*');
  return { text: starred ? upper.slice(1, -1) : upper, starred, trailingSpace };
}
