import { describe, expect, it } from 'vitest';
import { readCode39Tolerant } from './code39-row.js';

// Patterns from the Code 39 specification (1 = wide), for the characters the tests use.
const PATTERNS: Record<string, string> = {
  '*': '010010100',
  A: '100001001',
  '0': '000110100',
  '1': '100100001',
  '4': '000110001',
  '5': '100110000',
  '9': '001100100',
};

/** A row of pixels: `quiet` light pixels, the symbol at `narrow`/`wide` px, `quiet` light, then dark print. */
function row(
  text: string,
  options: { quiet: number; narrow?: number; wide?: number; stretch?: number },
): boolean[] {
  const narrow = options.narrow ?? 2;
  const wide = options.wide ?? 6;
  const px: boolean[] = [...Array<boolean>(10).fill(true), ...Array<boolean>(options.quiet).fill(false)];
  [...`*${text}*`].forEach((ch, k) => {
    const scale = k === 1 ? (options.stretch ?? 1) : 1;
    [...PATTERNS[ch]!].forEach((bit, i) => {
      const w = Math.round((bit === '1' ? wide : narrow) * scale);
      for (let j = 0; j < w; j++) px.push(i % 2 === 0);
    });
    for (let j = 0; j < narrow; j++) px.push(false);
  });
  px.pop();
  px.pop();
  return [...px, ...Array<boolean>(options.quiet).fill(false), ...Array<boolean>(10).fill(true)];
}

const read = (px: boolean[]): string | null => readCode39Tolerant(px.length, (i) => px[i] === true);

describe('readCode39Tolerant', () => {
  it('reads a symbol whose quiet zones are only two to three modules', () => {
    expect(read(row('A0451', { quiet: 5 }))).toBe('A0451');
    expect(read(row('A9', { quiet: 4 }))).toBe('A9');
  });

  it('refuses a quiet zone under two narrow modules', () => {
    expect(read(row('A0451', { quiet: 3 }))).toBe(null);
  });

  it('refuses a character much wider than the others (a misjudged run), and unclear wide/narrow ratios', () => {
    expect(read(row('A0451', { quiet: 6, stretch: 1.5 }))).toBe(null);
    expect(read(row('A0451', { quiet: 6, narrow: 3, wide: 4 }))).toBe(null);
  });

  it('finds nothing in rows without a start character', () => {
    expect(read(Array.from({ length: 400 }, (_, i) => i % 7 < 3))).toBe(null);
    expect(read([])).toBe(null);
  });
});
