// The decoders' side of Code 39's check character (the card-ID parser's is in card-id/code39.ts, in the first download).
import { code39CheckCharacter } from '../../card-id/code39.js';

/** Verifies and strips the mod-43 check character (a decoder's `code39CheckDigit`); `null` when it does not match. */
export function withoutCheckCharacter(text: string): string | null {
  const data = text.slice(0, -1);
  return data !== '' && code39CheckCharacter(data) === text.slice(-1) ? data : null;
}
