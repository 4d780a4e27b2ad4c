/** Cheap helpers for input adapters that see many candidate strings (camera frames, wedge key bursts). */
import type { CardIdFormat, CardPrefixRule } from './card-id-format.js';
import { CARD_ID_FORMAT, prefixesOf, totalLengthsOf } from './card-id-format.js';
import { normalizeReading } from './normalize-reading.js';
import { parseCardId } from './parse-card-id.js';
import type { ParseCardIdOptions } from './parse-card-id.js';
import { ownValue } from '../schemas/own-value.js';

// Nothing longer can be a card ID with its decorations; skip the work for long junk (a URL QR code, say).
const MAX_RAW_LENGTH = 64;

/**
 * True when `raw` parses as a card ID; a fast no for long strings. Use `parseCardId` for the details.
 *
 * @example
 * looksLikeCardId('a999005458\n'); // true
 * looksLikeCardId('https://example.org/'); // false
 */
export function looksLikeCardId(raw: string, options: ParseCardIdOptions = {}): boolean {
  if (typeof raw !== 'string' || raw.length > MAX_RAW_LENGTH) return false;
  return parseCardId(raw, options).ok;
}

/**
 * True while `partial` (e.g. a wedge buffer being typed) could still grow into a valid card ID:
 * a prefix of a known prefix, or a known prefix followed by fewer body characters than the longest body.
 *
 * @example
 * couldBecomeCardId('A99'); // true
 * couldBecomeCardId('Q');   // false
 */
export function couldBecomeCardId(partial: string, format: CardIdFormat = CARD_ID_FORMAT): boolean {
  if (typeof partial !== 'string' || partial.length > MAX_RAW_LENGTH) return false;
  const text = normalizeReading(partial).text.replace(/^\*/, '');
  if (text === '') return true;
  return prefixesOf(format).some((prefix) => {
    if (prefix.startsWith(text)) return true;
    if (!text.startsWith(prefix)) return false;
    const body = [...text.slice(prefix.length)];
    const max = Math.max(...totalLengthsOf(prefix, format)) - prefix.length;
    return body.length <= max && body.every((c) => format.bodyCharacters.includes(c));
  });
}

/**
 * The kind and medium a prefix stands for, or `undefined` for an unknown prefix.
 *
 * @example
 * describePrefix('Z'); // { kind: 'community', medium: 'mobile', bodyLengths: [9] }
 */
export function describePrefix(
  prefix: string,
  format: CardIdFormat = CARD_ID_FORMAT,
): CardPrefixRule | undefined {
  return ownValue(format.prefixes, prefix);
}
