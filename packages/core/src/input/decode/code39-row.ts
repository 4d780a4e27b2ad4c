/**
 * Code 39 rows with a quiet zone of two narrow modules (zxing wants half a character), checked harder:
 * three wide elements (≥ 1.6 × narrow) each, even character widths, narrow gaps. Fallback only.
 */
import { CODE39_CHARSET } from '../../card-id/code39.js';

/** Code 39 patterns, 9 bits (bar, space, … ; 1 = wide), in `CODE39_CHARSET` order. */
const ENCODINGS = [
  0x034, 0x121, 0x061, 0x160, 0x031, 0x130, 0x070, 0x025, 0x124, 0x064, 0x109, 0x049, 0x148, 0x019, 0x118,
  0x058, 0x00d, 0x10c, 0x04c, 0x01c, 0x103, 0x043, 0x142, 0x013, 0x112, 0x052, 0x007, 0x106, 0x046, 0x016,
  0x181, 0x0c1, 0x1c0, 0x091, 0x190, 0x0d0, 0x085, 0x184, 0x0c4, 0x0a8, 0x0a2, 0x08a, 0x02a,
];

/** Every character's pattern (9 bits, first element first; 1 = wide), the start/stop `*` last. */
export const CODE39_PATTERNS: readonly { readonly char: string; readonly wide: number }[] = [
  ...ENCODINGS.map((wide, i) => ({ char: CODE39_CHARSET.charAt(i), wide })),
  { char: '*', wide: 0x094 },
];
const PATTERN_CHARS = new Map(CODE39_PATTERNS.map((c) => [c.wide, c.char]));

/** Run lengths of a binarised row (`dark(i)`), starting with a light run (possibly empty). */
function runsOf(size: number, dark: (i: number) => boolean): number[] {
  const runs: number[] = [0];
  let current = false;
  for (let i = 0; i < size; i++) {
    const d = dark(i);
    if (d !== current) {
      runs.push(0);
      current = d;
    }
    runs[runs.length - 1]!++;
  }
  return runs;
}

/** One character from 9 runs: its pattern and narrow width, or null when not exactly three clearly wide. */
function classify(
  runs: readonly number[],
  at: number,
): { char: string; narrow: number; width: number } | null {
  if (at + 9 > runs.length) return null;
  const slice = runs.slice(at, at + 9);
  const sorted = [...slice].sort((a, b) => a - b);
  const maxNarrow = sorted[5]!;
  const minWide = sorted[6]!;
  if (minWide < 1.6 * maxNarrow || sorted[8]! > 1.6 * minWide || maxNarrow > 2 * sorted[0]!) return null;
  let pattern = 0;
  for (const run of slice) pattern = (pattern << 1) | (run >= minWide ? 1 : 0);
  const char = PATTERN_CHARS.get(pattern);
  if (char === undefined) return null;
  const width = slice.reduce((a, b) => a + b, 0);
  return { char, narrow: sorted.slice(0, 6).reduce((a, b) => a + b, 0) / 6, width };
}

/** The first `*…*` symbol with quiet zones ≥ two narrow modules, without the asterisks, or null. */
export function readCode39Tolerant(size: number, dark: (i: number) => boolean): string | null {
  const runs = runsOf(size, dark);
  // Dark runs sit at odd indices (runs[0] is the leading light run).
  for (let start = 1; start + 9 < runs.length; start += 2) {
    const first = classify(runs, start);
    if (first?.char !== '*' || runs[start - 1]! < 2 * first.narrow) continue;
    const text = readFrom(runs, start, first);
    if (text !== null) return text;
  }
  return null;
}

function readFrom(
  runs: readonly number[],
  start: number,
  first: { narrow: number; width: number },
): string | null {
  let text = '';
  let at = start + 10;
  for (;;) {
    const gap = runs[at - 1];
    if (gap === undefined || gap > 2.5 * first.narrow) return null;
    const next = classify(runs, at);
    if (next === null || Math.abs(next.width - first.width) > 0.25 * first.width) return null;
    if (next.char === '*') {
      const trailing = runs[at + 9];
      // The stop character ends the symbol: light after it (or the row's end) of two narrow modules.
      if (trailing !== undefined && at + 10 < runs.length && trailing < 2 * first.narrow) return null;
      return text === '' ? null : text;
    }
    text += next.char;
    at += 10;
    if (text.length > 48) return null;
  }
}
