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
export type WedgeLayoutName = (typeof WEDGE_LAYOUTS)[number];

/** `'auto'` trusts a key only when `key` and the US reading of `code` agree; `'host'` trusts `key` alone. */
export type WedgeLayout = WedgeLayoutName | 'auto' | 'host';

/** [unshifted, shifted]; an empty string means the key types nothing printable there (a dead key). */
type KeyChars = readonly [string, string];
type LayoutTable = Readonly<Record<string, KeyChars>>;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function letterTable(swaps: Readonly<Record<string, string>>): Record<string, KeyChars> {
  const table: Record<string, KeyChars> = {};
  for (const letter of LETTERS) {
    const typed = swaps[letter] ?? letter;
    table[`Key${letter.toUpperCase()}`] = [typed, typed.toUpperCase()];
  }
  return table;
}

function digitTable(shifted: string, unshifted = '1234567890'): Record<string, KeyChars> {
  const table: Record<string, KeyChars> = {};
  const codes = [
    'Digit1',
    'Digit2',
    'Digit3',
    'Digit4',
    'Digit5',
    'Digit6',
    'Digit7',
    'Digit8',
    'Digit9',
    'Digit0',
  ];
  codes.forEach((code, i) => {
    table[code] = [Array.from(unshifted)[i] ?? '', Array.from(shifted)[i] ?? ''];
  });
  return table;
}

const US: LayoutTable = {
  ...letterTable({}),
  ...digitTable('!@#$%^&*()'),
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
};

const FI: LayoutTable = {
  ...letterTable({}),
  ...digitTable('!"#¤%&/()='),
  Minus: ['+', '?'],
  Equal: ['', ''],
  BracketLeft: ['å', 'Å'],
  BracketRight: ['', ''],
  Backslash: ["'", '*'],
  Semicolon: ['ö', 'Ö'],
  Quote: ['ä', 'Ä'],
  Backquote: ['§', '½'],
  Comma: [',', ';'],
  Period: ['.', ':'],
  Slash: ['-', '_'],
  IntlBackslash: ['<', '>'],
  Space: [' ', ' '],
};

const DE: LayoutTable = {
  ...letterTable({ y: 'z', z: 'y' }),
  ...digitTable('!"§$%&/()='),
  Minus: ['ß', '?'],
  Equal: ['', ''],
  BracketLeft: ['ü', 'Ü'],
  BracketRight: ['+', '*'],
  Backslash: ['#', "'"],
  Semicolon: ['ö', 'Ö'],
  Quote: ['ä', 'Ä'],
  Backquote: ['', '°'],
  Comma: [',', ';'],
  Period: ['.', ':'],
  Slash: ['-', '_'],
  IntlBackslash: ['<', '>'],
  Space: [' ', ' '],
};

const FR: LayoutTable = {
  ...letterTable({ a: 'q', q: 'a', z: 'w', w: 'z' }),
  KeyM: [',', '?'],
  ...digitTable('1234567890', '&é"\'(-è_çà'),
  Minus: [')', '°'],
  Equal: ['=', '+'],
  BracketLeft: ['', ''],
  BracketRight: ['$', '£'],
  Backslash: ['*', 'µ'],
  Semicolon: ['m', 'M'],
  Quote: ['ù', '%'],
  Backquote: ['²', ''],
  Comma: [';', '.'],
  Period: [':', '/'],
  Slash: ['!', '§'],
  IntlBackslash: ['<', '>'],
  Space: [' ', ' '],
};

const TABLES: Readonly<Record<WedgeLayoutName, LayoutTable>> = { us: US, fi: FI, sv: FI, de: DE, fr: FR };

const NUMPAD: Readonly<Record<string, string>> = {
  Numpad0: '0',
  Numpad1: '1',
  Numpad2: '2',
  Numpad3: '3',
  Numpad4: '4',
  Numpad5: '5',
  Numpad6: '6',
  Numpad7: '7',
  Numpad8: '8',
  Numpad9: '9',
  NumpadDecimal: '.',
  NumpadAdd: '+',
  NumpadSubtract: '-',
  NumpadMultiply: '*',
  NumpadDivide: '/',
};

/**
 * The character a key position types on a layout, or `undefined` when the layout has none there.
 * Numpad keys type the same on every layout and regardless of NumLock (with NumLock off the host
 * reports `End`, `ArrowDown`…, but the reader meant the digit).
 *
 * @example
 * charForCode('de', 'KeyY', false); // 'z'
 */
export function charForCode(layout: WedgeLayoutName, code: string, shift: boolean): string | undefined {
  const pad = NUMPAD[code];
  if (pad !== undefined) return pad;
  const chars = TABLES[layout][code];
  if (chars === undefined) return undefined;
  const typed = shift ? chars[1] : chars[0];
  return typed === '' ? undefined : typed;
}

/** The numpad digit for a code (`Numpad0`…`Numpad9`), used for Alt+numpad character codes. */
export function numpadDigit(code: string): string | undefined {
  const pad = NUMPAD[code];
  return pad !== undefined && pad >= '0' && pad <= '9' ? pad : undefined;
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
  for (const [code, chars] of Object.entries(TABLES[layout])) {
    if (chars[0] === char) return { code, shift: false };
    if (chars[1] === char) return { code, shift: true };
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
