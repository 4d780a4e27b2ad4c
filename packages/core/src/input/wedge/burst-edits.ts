/**
 * Small immutable edits of a burst's characters, shared by the classifier and the pending scan.
 */
import type { BurstChar } from './burst-checks.js';

/** Marks the characters typed with `code` and not yet released as released at `t` (a held key's repeats too). */
export function releaseChar(chars: readonly BurstChar[], code: string, t: number): readonly BurstChar[] {
  return chars.some((c) => c.code === code && c.up === undefined)
    ? chars.map((c) => (c.code === code && c.up === undefined ? { ...c, up: t } : c))
    : chars;
}

/** Gives the first character still waiting for its text (an `Unidentified` key) that text (`filled` false when none waits). */
export function fillUnidentified(
  chars: readonly BurstChar[],
  text: string,
): { chars: readonly BurstChar[]; filled: boolean } {
  const index = chars.findIndex((c) => c.readings.length === 0);
  if (index < 0) return { chars, filled: false };
  return { chars: chars.map((c, i) => (i === index ? { ...c, readings: [text] } : c)), filled: true };
}

/**
 * Without the control characters (STX, ETX: `Unidentified`, no `code`, no text) a reader sends around the ID.
 * Only in a burst whose other keys carry a `code`: an Android reader's keys all lack one and get their text later.
 */
export function trimControls(chars: readonly BurstChar[]): readonly BurstChar[] {
  const control = (c: BurstChar | undefined) => c !== undefined && c.code === '' && c.readings.length === 0;
  if (!chars.some((c) => c.code !== '')) return chars;
  let start = 0;
  let end = chars.length;
  while (control(chars[start])) start++;
  while (end > start && control(chars[end - 1])) end--;
  return chars.slice(start, end);
}
