/**
 * What one keydown means: a character (read through the reader's layout), an ambiguous character (auto layout,
 * `key` and `code` disagree), a character still to come (`key: 'Unidentified'`), or no character at all.
 */
import { charForCode, type WedgeLayout } from './layouts.js';
import type { WedgeKeyRecord } from './types.js';

export type ResolvedKey =
  | { readonly kind: 'char'; readonly char: string }
  /** Auto layout: `key` says `hostChar`, the US reading of `code` says `codeChar`. */
  | { readonly kind: 'ambiguous'; readonly codeChar: string; readonly hostChar: string }
  | { readonly kind: 'unidentified' }
  | { readonly kind: 'none' };

const NONE: ResolvedKey = { kind: 'none' };

/** A `key` that is one printable character (not `Enter`, `Dead`, `Unidentified`, `ArrowUp`…). */
function printable(key: string): string | undefined {
  return Array.from(key).length === 1 && key >= ' ' ? key : undefined;
}

function sameChar(a: string, b: string): boolean {
  // Caps Lock flips the case of letters in `key`; card IDs carry no case, so compare without it.
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Reads one keydown. Ctrl/Meta combinations are shortcuts, never characters (AltGr's Ctrl+Alt aside).
 *
 * @example
 * resolveKey({ type: 'keydown', key: 'z', code: 'KeyY', timeStamp: 0 }, 'auto');
 * // { kind: 'ambiguous', codeChar: 'y', hostChar: 'z' }
 */
export function resolveKey(record: WedgeKeyRecord, layout: WedgeLayout): ResolvedKey {
  const hostChar = printable(record.key);
  // AltGr (Windows reports Ctrl and Alt together) types a layout's third-level symbols (`@` on fi, de):
  // only `key` knows them, and none is a card-ID character.
  if (record.ctrlKey === true && record.altKey === true && hostChar !== undefined && record.metaKey !== true)
    return { kind: 'char', char: hostChar };
  if (record.ctrlKey === true || record.metaKey === true) return NONE;
  const codeChar =
    layout === 'host'
      ? undefined
      : charForCode(layout === 'auto' ? 'us' : layout, record.code, record.shiftKey === true);
  if (codeChar === undefined) {
    // `host`, or a position the reader's layout does not list (rare symbols, unknown codes): only `key` is left.
    if (hostChar !== undefined) return { kind: 'char', char: hostChar };
    return record.key === 'Unidentified' || record.key === 'Process' ? { kind: 'unidentified' } : NONE;
  }
  // A layout set for the reader reads the position. With `auto`, `key` must agree with it; without a printable
  // `key` (NumLock off: `End` from `Numpad1`; `Unidentified`) the position decides, unless `key` is `Dead`.
  const agreed = hostChar === undefined ? record.key !== 'Dead' : sameChar(hostChar, codeChar);
  return layout !== 'auto' || agreed
    ? { kind: 'char', char: codeChar }
    : { kind: 'ambiguous', codeChar, hostChar: hostChar ?? '' };
}
