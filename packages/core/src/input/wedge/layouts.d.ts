/**
 * Keyboard layouts a wedge reader may be programmed for, as `KeyboardEvent.code` → characters.
 *
 * A USB wedge reader sends physical key positions (scan codes). It picks the positions that type its
 * characters on the layout it is programmed for, and the host turns them into `key` with its own layout.
 * So `code` read through the reader's layout gives back what the reader meant, whatever the host layout.
 * Only keys that differ between these layouts, plus the ones card IDs and usual prefixes need, are listed.
 */
/** Layouts the classifier knows. `fi` covers Finnish and Swedish (identical for every character listed). */
export declare const WEDGE_LAYOUTS: readonly ['us', 'fi', 'sv', 'de', 'fr'];
export type WedgeLayoutName = (typeof WEDGE_LAYOUTS)[number];
/** `'auto'` trusts a key only when `key` and the US reading of `code` agree; `'host'` trusts `key` alone. */
export type WedgeLayout = WedgeLayoutName | 'auto' | 'host';
/**
 * The character a key position types on a layout, or `undefined` when the layout has none there.
 * Numpad keys type the same on every layout and regardless of NumLock (with NumLock off the host
 * reports `End`, `ArrowDown`…, but the reader meant the digit).
 *
 * @example
 * charForCode('de', 'KeyY', false); // 'z'
 */
export declare function charForCode(
  layout: WedgeLayoutName,
  code: string,
  shift: boolean,
): string | undefined;
/** The numpad digit for a code (`Numpad0`…`Numpad9`), used for Alt+numpad character codes. */
export declare function numpadDigit(code: string): string | undefined;
/**
 * The code and Shift state that type `char` on `layout` (the inverse of `charForCode`), for test
 * keyboards and benchmarks that emulate a reader.
 *
 * @example
 * keyForChar('fr', '1'); // { code: 'Digit1', shift: true }
 */
export declare function keyForChar(
  layout: WedgeLayoutName,
  char: string,
):
  | {
      code: string;
      shift: boolean;
    }
  | undefined;
/** Layouts on which the key at `code` types `key` (to name the host layout in a mismatch message). */
export declare function layoutsTyping(code: string, key: string, shift: boolean): WedgeLayoutName[];
