/** Splitting off the optional Code 39 mod-43 check character, as configured — never by guessing. */
import { code39CheckCharacter } from './code39.js';
import type { NormalizedReading } from './normalize-reading.js';

/**
 * How the mod-43 check character is handled: none expected, required and verified, or required and dropped.
 *
 * @example
 * parseCardId(scan, { checkCharacter: 'verify' satisfies CheckCharacterMode });
 */
export type CheckCharacterMode = 'off' | 'verify' | 'strip';

/**
 * The modes, for option validation and UIs.
 *
 * @example
 * CHECK_CHARACTER_MODES.includes(setting); // validate a configuration value
 */
export const CHECK_CHARACTER_MODES: readonly CheckCharacterMode[] = ['off', 'verify', 'strip'];

type Split =
  | { readonly ok: true; readonly data: string }
  | { readonly ok: false; readonly code: 'bad-checksum' }
  | { readonly ok: false; readonly code: 'bad-character'; readonly index: number };

/**
 * Separates the data from its check character according to `mode`.
 *
 * A check character may be a space, which a wedge's trailing whitespace hides: it is read as such only
 * when a space really followed the text and the last visible character is not itself a valid check.
 *
 * @example
 * splitCheckCharacter(normalizeReading('A999005458G'), 'verify'); // { ok: true, data: 'A999005458' }
 */
export function splitCheckCharacter(reading: NormalizedReading, mode: CheckCharacterMode): Split {
  const text = reading.text;
  if (mode === 'off') return { ok: true, data: text };
  const chars = [...text];
  const last = chars[chars.length - 1] ?? '';
  const data = chars.slice(0, -1).join('');
  const expected = code39CheckCharacter(data);
  const spaceIsCheck = reading.trailingSpace && !reading.starred && code39CheckCharacter(text) === ' ';
  if (expected === last && data !== '') return { ok: true, data };
  if (spaceIsCheck) return { ok: true, data: text };
  if (code39CheckCharacter(last) === undefined)
    return { ok: false, code: 'bad-character', index: chars.length - 1 };
  if (mode === 'strip' && data !== '') return { ok: true, data };
  return { ok: false, code: 'bad-checksum' };
}
