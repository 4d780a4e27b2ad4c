/**
 * Small immutable edits of a burst's characters, shared by the classifier and the pending scan.
 */
import type { BurstChar } from './burst-checks.js';

/** Marks the latest unreleased character typed with `code` as released at `t` (the same array if none). */
export function releaseChar(chars: readonly BurstChar[], code: string, t: number): readonly BurstChar[] {
  let index = -1;
  chars.forEach((c, i) => {
    if (c.code === code && c.up === undefined) index = i;
  });
  return index < 0 ? chars : chars.map((c, i) => (i === index ? { ...c, up: t } : c));
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
