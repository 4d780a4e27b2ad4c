/**
 * Keyboard layouts a wedge reader may be programmed for, as `KeyboardEvent.code` → characters.
 *
 * A USB wedge reader sends physical key positions (scan codes). It picks the positions that type its
 * characters on the layout it is programmed for, and the host turns them into `key` with its own layout.
 * So `code` read through the reader's layout gives back what the reader meant, whatever the host layout.
 * Only keys that differ between these layouts, plus the ones card IDs and usual prefixes need, are listed.
 */

/** Layouts the classifier knows. `fi` covers Finnish and Swedish (identical for every character listed). */
export const WEDGE_LAYOUTS = ['us', 'fi', 'sv', 'de', 'fr'] as const;
/** A keyboard layout the classifier knows: `'us'`, `'fi'`, `'sv'`, `'de'` or `'fr'`. */
export type WedgeLayoutName = (typeof WEDGE_LAYOUTS)[number];

/** `'auto'` trusts a key only when `key` and the US reading of `code` agree; `'host'` trusts `key` alone. */
export type WedgeLayout = WedgeLayoutName | 'auto' | 'host';

/** Key positions, in the order of the strings below: `KeyA`…`KeyZ`, `Digit1`…`Digit0`, then the others. */
const CODES = [
  ...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ', (letter) => `Key${letter}`),
  ...Array.from('1234567890', (digit) => `Digit${digit}`),
  ...['Minus', 'Equal', 'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Backquote'],
  ...['Comma', 'Period', 'Slash', 'IntlBackslash', 'Space'],
];
const POSITION = new Map(CODES.map((code, i) => [code, i]));

/** In the strings below: the position types nothing printable there (a dead key, or no such key). */
const NONE = '·';

/** Finnish and Swedish: identical for every position listed. */
const FI = [
  "abcdefghijklmnopqrstuvwxyz1234567890+·å·'öä§,.-< ",
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ!"#¤%&/()=?·Å·*ÖÄ½;:_> ',
] as const;

/**
 * What each position of `CODES` types on a layout: [unshifted, shifted], one character per position. `de` swaps
 * Y and Z; `fr` (AZERTY) swaps A/Q and Z/W, types `,` on `KeyM` and `m` on `Semicolon`, and its digits need Shift.
 */
const TYPED: Readonly<Record<WedgeLayoutName, readonly [string, string]>> = {
  us: [
    "abcdefghijklmnopqrstuvwxyz1234567890-=[]\\;'`,./· ",
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()_+{}|:"~<>?· ',
  ],
  fi: FI,
  sv: FI,
  de: [
    'abcdefghijklmnopqrstuvwxzy1234567890ß·ü+#öä·,.-< ',
    'ABCDEFGHIJKLMNOPQRSTUVWXZY!"§$%&/()=?·Ü*\'ÖÄ°;:_> ',
  ],
  fr: [
    'qbcdefghijkl,noparstuvzxyw&é"\'(-è_çà)=·$*mù²;:!< ',
    'QBCDEFGHIJKL?NOPARSTUVZXYW1234567890°+·£µM%·./§> ',
  ],
};

const NUMPAD_SIGNS = new Map([
  ['NumpadDecimal', '.'],
  ['NumpadAdd', '+'],
  ['NumpadSubtract', '-'],
  ['NumpadMultiply', '*'],
  ['NumpadDivide', '/'],
]);

/**
 * The character a key position types on a layout, or `undefined` when the layout has none there.
 * Numpad keys type the same on every layout and regardless of NumLock (with NumLock off the host
 * reports `End`, `ArrowDown`…, but the reader meant the digit).
 *
 * @example
 * charForCode('de', 'KeyY', false); // 'z'
 */
export function charForCode(layout: WedgeLayoutName, code: string, shift: boolean): string | undefined {
  const pad = numpadDigit(code) ?? NUMPAD_SIGNS.get(code);
  if (pad !== undefined) return pad;
  const position = POSITION.get(code);
  const typed = position === undefined ? undefined : TYPED[layout][shift ? 1 : 0][position];
  return typed === NONE ? undefined : typed;
}

/** The numpad digit for a code (`Numpad0`…`Numpad9`), used for Alt+numpad character codes. */
export function numpadDigit(code: string): string | undefined {
  return /^Numpad\d$/.test(code) ? code.charAt(6) : undefined;
}

/**
 * The code and Shift state that type `char` on `layout` (the inverse of `charForCode`), for test
 * keyboards and benchmarks that emulate a reader.
 *
 * @example
 * keyForChar('fr', '1'); // { code: 'Digit1', shift: true }
 */
export function keyForChar(
  layout: WedgeLayoutName,
  char: string,
): { code: string; shift: boolean } | undefined {
  if (char === NONE) return undefined;
  for (const [i, code] of CODES.entries()) {
    if (TYPED[layout][0][i] === char) return { code, shift: false };
    if (TYPED[layout][1][i] === char) return { code, shift: true };
  }
  return undefined;
}

/** Layouts on which the key at `code` types `key` (to name the host layout in a mismatch message). */
export function layoutsTyping(code: string, key: string, shift: boolean): WedgeLayoutName[] {
  const wanted = key.toLowerCase();
  return WEDGE_LAYOUTS.filter((layout) => layout !== 'sv').filter(
    (layout) => charForCode(layout, code, shift)?.toLowerCase() === wanted,
  );
}
