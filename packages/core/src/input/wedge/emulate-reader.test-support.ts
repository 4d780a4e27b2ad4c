/**
 * A virtual wedge reader: the key records a reader programmed for one layout produces on a host with another.
 * Used by unit tests, fuzz tests, browser tests (sent as real CDP key events) and benchmarks; not part of the
 * public API.
 */
import { charForCode, CODES, type WedgeLayoutName } from './layouts.js';
import type { WedgeKeyRecord, WedgeTerminator } from './types.js';

/** The code and Shift state that type `char` on `layout` (the inverse of `charForCode`), to emulate a reader. */
export function keyForChar(
  layout: WedgeLayoutName,
  char: string,
): { code: string; shift: boolean } | undefined {
  for (const code of CODES)
    for (const shift of [false, true]) if (charForCode(layout, code, shift) === char) return { code, shift };
  return undefined;
}

export type EmulatedReader = {
  /** Layout the reader is programmed for (it picks key positions with it). Default `'us'`. */
  readonly readerLayout?: WedgeLayoutName;
  /** Layout of the computer (what `key` says). Default: the reader's. */
  readonly hostLayout?: WedgeLayoutName;
  /** Gap before each character's keydown, ms (a number or a function of the character's index). Default 8. */
  readonly gapMs?: number | ((index: number) => number);
  readonly start?: number;
  readonly terminator?: WedgeTerminator;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly capsLock?: boolean;
  /** Type digits on the numpad, with NumLock on (`'1'`) or off (`'End'`). */
  readonly numpad?: 'numlock-on' | 'numlock-off';
  /** Windows Alt+numpad mode: every character as Alt + its decimal code. */
  readonly altCodes?: boolean;
  /** Android-style: `key: 'Unidentified'`, `code: ''`, the text arriving in an `input` record. */
  readonly unidentified?: boolean;
  /** How long each key is held, ms (default 0.5). Longer than the gaps: a reader that rolls over. */
  readonly holdMs?: number;
  /** A reader that sends no keyups at all. */
  readonly noKeyups?: boolean;
  /** A doubled character as the first key held and repeated (`repeat: true`), not pressed twice. */
  readonly repeatDoubles?: boolean;
  /** STX before and ETX after the ID, as `Unidentified` keys without a code. */
  readonly controls?: boolean;
};

export type EmulatedRecord =
  WedgeKeyRecord | { readonly type: 'input'; readonly text: string; readonly timeStamp: number };

const NUMLOCK_OFF = [
  'Insert',
  'End',
  'ArrowDown',
  'PageDown',
  'ArrowLeft',
  'Clear',
  'ArrowRight',
  'Home',
  'ArrowUp',
  'PageUp',
];

function hostKey(host: WedgeLayoutName, code: string, shift: boolean, capsLock: boolean): string {
  const typed = charForCode(host, code, shift) ?? 'Dead';
  if (!capsLock || typed.length !== 1) return typed;
  return typed === typed.toLowerCase() ? typed.toUpperCase() : typed.toLowerCase();
}

/**
 * Key records for `text` as the reader would type it, then its terminator.
 *
 * @example
 * emulateReader('Y110029399', { readerLayout: 'us', hostLayout: 'de' }); // key 'z', code 'KeyY', …
 */
export function emulateReader(text: string, reader: EmulatedReader = {}): EmulatedRecord[] {
  const layout = reader.readerLayout ?? 'us';
  const host = reader.hostLayout ?? layout;
  const caps = reader.capsLock === true;
  const gap = reader.gapMs ?? 8;
  const records: EmulatedRecord[] = [];
  let t = reader.start ?? 1000;
  let nextGap = 0;
  let sameNext = false; // the next character is typed with the same key
  let held: WedgeKeyRecord | undefined; // a key held for its repeat
  const press = (key: string, code: string, extra: Partial<WedgeKeyRecord> = {}, hold?: number): void => {
    const down: WedgeKeyRecord = { type: 'keydown', key, code, timeStamp: t, ...extra };
    // A keyboard cannot press a key still held (rollover): release it first.
    const still = records.findIndex((r) => r.type === 'keyup' && r.code === code && r.timeStamp > t);
    const early = records[still];
    if (early !== undefined) records.splice(still, 1, { ...early, timeStamp: t });
    records.push(held?.code === code ? { ...down, repeat: true } : down);
    // A key is released before it is pressed again (a keyboard cannot press a held key).
    const holdMs = hold ?? reader.holdMs ?? 0.5;
    const up = t + (sameNext ? Math.min(holdMs, nextGap / 2) : holdMs);
    const keyup: WedgeKeyRecord = { ...down, type: 'keyup', timeStamp: up };
    held = reader.repeatDoubles === true && sameNext && hold === undefined ? keyup : undefined;
    if (held === undefined && reader.noKeyups !== true) records.push(keyup);
  };
  const control = reader.controls === true ? ['\u0002'] : [];
  const body = Array.from((reader.prefix ?? '') + text + (reader.suffix ?? ''));
  const chars = [...control, ...body, ...control.map(() => '\u0003')];
  const gapAt = (i: number) => (typeof gap === 'number' ? gap : gap(i));
  chars.forEach((char, i) => {
    t += i === 0 ? 0 : gapAt(i);
    nextGap = gapAt(i + 1);
    sameNext = chars[i + 1] === char;
    if (char < ' ') {
      press('Unidentified', '');
      return;
    }
    if (reader.altCodes === true) {
      records.push({ type: 'keydown', key: 'Alt', code: 'AltLeft', timeStamp: t, altKey: true });
      for (const d of String(char.charCodeAt(0)).padStart(3, '0'))
        press(d, `Numpad${d}`, { altKey: true }, 0.1);
      records.push({ type: 'keyup', key: 'Alt', code: 'AltLeft', timeStamp: t + 0.4 });
      return;
    }
    if (reader.unidentified === true) {
      records.push({ type: 'keydown', key: 'Unidentified', code: '', timeStamp: t });
      records.push({ type: 'input', text: char, timeStamp: t + 0.1 });
      records.push({ type: 'keyup', key: 'Unidentified', code: '', timeStamp: t + 0.3 });
      return;
    }
    if (reader.numpad !== undefined && char >= '0' && char <= '9') {
      const key = reader.numpad === 'numlock-on' ? char : (NUMLOCK_OFF[Number(char)] ?? char);
      press(key, `Numpad${char}`);
      return;
    }
    const position = keyForChar(layout, char);
    if (position === undefined) throw new RangeError(`the ${layout} layout cannot type this character`);
    const { code, shift } = position;
    if (shift)
      records.push({
        type: 'keydown',
        key: 'Shift',
        code: 'ShiftLeft',
        timeStamp: t - 0.2,
        shiftKey: true,
      });
    press(hostKey(host, code, shift, caps), code, { shiftKey: shift });
    if (shift) records.push({ type: 'keyup', key: 'Shift', code: 'ShiftLeft', timeStamp: t + 0.6 });
  });
  const terminator = reader.terminator ?? 'Enter';
  t += gapAt(chars.length);
  sameNext = false;
  if (held !== undefined && reader.noKeyups !== true) records.push({ ...held, timeStamp: t });
  held = undefined;
  if (terminator === 'Enter') press('Enter', 'Enter');
  else if (terminator === 'Tab') press('Tab', 'Tab');
  else if (terminator !== 'none' && terminator !== 'auto')
    press(terminator.key ?? 'Unidentified', terminator.code ?? '');
  return records;
}

/** Records typed by a person: one key at a time at `gapMs` (default 150 ms), on the host layout. */
export function emulateTyping(
  text: string,
  options: { gapMs?: number; start?: number; host?: WedgeLayoutName; enter?: boolean } = {},
): EmulatedRecord[] {
  return emulateReader(text, {
    readerLayout: options.host ?? 'us',
    gapMs: options.gapMs ?? 150,
    start: options.start ?? 1000,
    terminator: options.enter === true ? 'Enter' : 'none',
  });
}
