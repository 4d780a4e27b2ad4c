/**
 * Keys as a wedge reader sends them: the layouts it may be programmed for (`code` → characters) and what a keydown
 * means. A reader sends key positions for its own layout, so `code` read through that layout is what it meant,
 * whatever the host's; only keys that differ between layouts, and those card IDs and prefixes need, are listed.
 */
import type { BurstChar } from './burst-checks.js';
import type { WedgeKeyRecord, WedgeTerminator } from './types.js';

/** Layouts the classifier knows. `fi` and `sv` are identical for every position listed. */
export const WEDGE_LAYOUTS = ['us', 'fi', 'sv', 'de', 'fr'] as const;
/** A keyboard layout the classifier knows: `'us'`, `'fi'`, `'sv'`, `'de'` or `'fr'`. */
export type WedgeLayoutName = (typeof WEDGE_LAYOUTS)[number];

/** `'auto'` trusts a key only when `key` and the US reading of `code` agree; `'host'` trusts `key` alone. */
export type WedgeLayout = WedgeLayoutName | 'auto' | 'host';

/** Key positions, in the order of the strings below: `KeyA`…`KeyZ`, `Digit1`…`Digit0`, then the others. */
export const CODES = [
  ...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ', (letter) => `Key${letter}`),
  ...Array.from('1234567890', (digit) => `Digit${digit}`),
  ...['Minus', 'Equal', 'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Backquote'],
  ...['Comma', 'Period', 'Slash', 'IntlBackslash', 'Space'],
];
const POSITION = new Map(CODES.map((code, i) => [code, i]));

/** In the strings below: the position types nothing printable there (a dead key, or no such key). */
const NONE = '·';

const FI = [
  "abcdefghijklmnopqrstuvwxyz1234567890+·å·'öä§,.-< ",
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ!"#¤%&/()=?·Å·*ÖÄ½;:_> ',
] as const;

/** What each position of `CODES` types: [unshifted, shifted] (`de` swaps Y/Z; `fr` A/Q, Z/W, digits with Shift). */
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
 * The character a key position types on a layout, or `undefined`. Numpad keys type the same everywhere, NumLock
 * or not (with it off the host says `End`, but the reader meant the digit).
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

/** Layouts on which the key at `code` types `key` (to name the host layout in a mismatch message). */
export function layoutsTyping(code: string, key: string, shift: boolean): WedgeLayoutName[] {
  const wanted = key.toLowerCase();
  return WEDGE_LAYOUTS.filter((layout) => layout !== 'sv').filter(
    (layout) => charForCode(layout, code, shift)?.toLowerCase() === wanted,
  );
}

/**
 * Reads one keydown as a burst character: through the reader's layout, both readings when `key` and `code` disagree
 * (`auto`), none yet for a key whose text is to come, `undefined` for no character (Ctrl/Meta: shortcuts).
 */
export function readKey(record: WedgeKeyRecord, layout: WedgeLayout): BurstChar | undefined {
  const char = (...readings: string[]): BurstChar => ({ t: record.timeStamp, code: record.code, readings });
  // A `key` that is one printable character (not `Enter`, `Dead`, `Unidentified`, `ArrowUp`…).
  const hostChar = Array.from(record.key).length === 1 && record.key >= ' ' ? record.key : undefined;
  // AltGr (Ctrl+Alt on Windows) types third-level symbols (`@` on fi, de) only `key` knows; none is in a card ID.
  if (record.ctrlKey === true && record.altKey === true && hostChar !== undefined && record.metaKey !== true)
    return char(hostChar);
  if (record.ctrlKey === true || record.metaKey === true) return undefined;
  const codeChar =
    layout === 'host'
      ? undefined
      : charForCode(layout === 'auto' ? 'us' : layout, record.code, record.shiftKey === true);
  if (codeChar === undefined) {
    // `host`, or a position the reader's layout does not list (rare symbols, unknown codes): only `key` is left.
    if (hostChar !== undefined) return char(hostChar);
    return record.key === 'Unidentified' || record.key === 'Process' ? char() : undefined;
  }
  // With `auto`, `key` must agree with the position (case aside: Caps Lock); without a printable `key` (NumLock
  // off, `Unidentified`) the position decides, unless `key` is `Dead`.
  const agreed =
    hostChar === undefined ? record.key !== 'Dead' : hostChar.toLowerCase() === codeChar.toLowerCase();
  if (layout !== 'auto' || agreed) return char(codeChar);
  const hostLayouts =
    hostChar === undefined ? [] : layoutsTyping(record.code, hostChar, record.shiftKey === true);
  return { ...char(codeChar, hostChar ?? ''), hostLayouts };
}

/** Shift, Ctrl, Alt… pressed alone: neither a character nor the end of a burst. */
export function isModifier(record: WedgeKeyRecord): boolean {
  return (
    /^(Shift|Control|Alt|AltGraph|Meta|OS|CapsLock|NumLock|Fn)$/.test(record.key) ||
    /^(Shift|Control|Alt|Meta|OS)(Left|Right)$/.test(record.code)
  );
}

/** An ASCII control character as a reader types it (Ctrl+letter, e.g. STX as Ctrl+B), or an F-key. */
export function isControlChar(record: WedgeKeyRecord): boolean {
  return (record.ctrlKey === true && record.key.length === 1) || /^F\d\d?$/.test(record.key);
}

const isEnter = (record: WedgeKeyRecord): boolean =>
  record.key === 'Enter' || record.code === 'Enter' || record.code === 'NumpadEnter';
const isTab = (record: WedgeKeyRecord): boolean => record.key === 'Tab' || record.code === 'Tab';

/** True when the record is the configured terminator (a custom one matches by `code` or by `key`). */
export function matchesTerminator(record: WedgeKeyRecord, terminator: WedgeTerminator): boolean {
  if (terminator === 'none') return false;
  if (typeof terminator === 'object')
    return (
      (terminator.code !== undefined && terminator.code === record.code) ||
      (terminator.key !== undefined && terminator.key === record.key)
    );
  if (terminator === 'auto') return isEnter(record) || isTab(record);
  // Any other string (a plain-JS typo, a tampered profile) is no terminator: it matches nothing.
  return (terminator === 'Enter' && isEnter(record)) || (terminator === 'Tab' && isTab(record));
}

/** `Enter` or `Tab` when the record is one of them but not the configured terminator. */
export function otherTerminatorName(
  record: WedgeKeyRecord,
  terminator: WedgeTerminator,
): 'Enter' | 'Tab' | undefined {
  if (matchesTerminator(record, terminator)) return undefined;
  return isEnter(record) ? 'Enter' : isTab(record) ? 'Tab' : undefined;
}

/**
 * The character of an Alt+numpad code (Windows): printable ASCII (the same in every code page), else U+FFFD, refused.
 */
export function altCodeChar(digits: string): string {
  // A reader sends `nnn` or `0nnn`; longer means a foreign numpad key joined (Windows would wrap it modulo 256).
  const tooLong = digits.length > 4 || (digits.length === 4 && !digits.startsWith('0'));
  const value = Number.parseInt(digits, 10);
  return !tooLong && value >= 32 && value < 127 ? String.fromCharCode(value) : '\uFFFD';
}
