/**
 * Small immutable edits of a burst's characters, shared by the classifier and the pending scan.
 */
import type { BurstChar } from './burst-checks.js';

/**
 * Marks the latest unreleased character typed with `code` as released at `t`, with the repeats just before it of
 * the same held key (the same array if none).
 */
export function releaseChar(chars: readonly BurstChar[], code: string, t: number): readonly BurstChar[] {
  let last = -1;
  chars.forEach((c, i) => {
    if (c.code === code && c.up === undefined) last = i;
  });
  let first = last;
  while (first > 0 && chars[first - 1]?.code === code && chars[first - 1]?.up === undefined) first--;
  return last < 0 ? chars : chars.map((c, i) => (i >= first && i <= last ? { ...c, up: t } : c));
}

/** Gives the first character still waiting for its text (an `Unidentified` key) that text. */
export function fillUnidentified(chars: readonly BurstChar[], text: string): readonly BurstChar[] {
  const index = chars.findIndex((c) => c.readings.length === 0);
  return chars.map((c, i) => (i === index ? { ...c, readings: [text] } : c));
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
