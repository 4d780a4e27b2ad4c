/**
 * `parseCardId`: any raw reading (QR payload, Code 39 text, keyboard-wedge string, typed text) to the
 * canonical card ID or a precise refusal. Never throws, never guesses.
 */
import { type CardIdErrorCode, cardIdMessages } from '../messages/card-id.js';
import { reasonFactory } from '../messages/define.js';
import type { RenderedReason } from '../messages/index.js';
import type { CardIdFormat, CardKind, CardMedium } from './card-id-format.js';
import { CARD_ID_FORMAT, CARD_ID_SEPARATORS, prefixesOf, totalLengthsOf } from './card-id-format.js';
import { code39CheckCharacter } from './code39.js';
import { checkOptions, optionKeys } from '../errors/options-error.js';

/** Options of `parseCardId`. */
export type ParseCardIdOptions = {
  /**
   * Code 39 mod-43 check character: `'off'` (default: none expected), `'verify'` (required, verified,
   * removed) or `'strip'` (required, removed unverified — for scanners that verify it themselves).
   */
  readonly checkCharacter?: CheckCharacterMode;
  /** The accepted format; defaults to `CARD_ID_FORMAT`. */
  readonly format?: CardIdFormat;
};

/** The options `parseCardId` knows (a misspelt one throws `OptionsError`); internal, not exported by an entry. */
export const PARSE_CARD_ID_OPTIONS = optionKeys<ParseCardIdOptions>()('checkCharacter format');

/** An accepted card ID. */
export type ParsedCardId = {
  readonly ok: true;
  readonly id: string;
  readonly prefix: string;
  readonly kind: CardKind;
  readonly medium: CardMedium;
};

/** A refusal: `{ code, params, message }` with the message in Finnish, Swedish and English. */
export type CardIdError = RenderedReason<CardIdErrorCode>;

/** The result of `parseCardId`. */
export type CardIdResult = ParsedCardId | { readonly ok: false; readonly error: CardIdError };

/**
 * Turns a raw reading into the canonical card ID, or refuses it with a stable code.
 *
 * @example
 * parseCardId(' *a999005458* \r\n'); // { ok: true, id: 'A999005458', prefix: 'A', kind: 'client', medium: 'paper' }
 * parseCardId('E1234');              // { ok: false, error: { code: 'legacy-code', … } }
 * parseCardId('A999005458G', { checkCharacter: 'verify' }).ok; // true
 * parseCardId('A999005458G');        // { ok: false, error: { code: 'unexpected-check-character', … } }
 */
export function parseCardId(raw: string, options: ParseCardIdOptions = {}): CardIdResult {
  checkOptions('parseCardId', options, PARSE_CARD_ID_OPTIONS);
  const format = options.format ?? CARD_ID_FORMAT;
  const read = normalizeReading(typeof raw === 'string' ? raw : '');
  const reading = grouped(read) ? { ...read, text: read.text.replace(SEPARATOR_ALL, '') } : read;
  if (reading.text === '') return refuse('empty', {});
  const mode = options.checkCharacter ?? 'off';
  const split = splitCheckCharacter(reading, mode);
  if (!split.ok) {
    return split.code === 'bad-character'
      ? refuse('bad-character', charParams(reading.text, split.index))
      : refuse('bad-checksum', {});
  }
  const result = matchData(split.data, format);
  // A valid ID followed by its own mod-43 character: the reader sends a check character nobody asked for.
  const verified = !result.ok && mode === 'off' ? splitCheckCharacter(reading, 'verify') : undefined;
  if (verified?.ok === true && verified.data !== reading.text && matchData(verified.data, format).ok)
    return refuse('unexpected-check-character', {});
  // A reading that is a whole valid ID by itself most likely lacks its check character.
  if (!result.ok && split.data !== reading.text && matchData(reading.text, format).ok)
    return refuse('bad-checksum', {});
  return result;
}

/** A space or a hyphen, as typed or as a spreadsheet writes them (no-break spaces, Unicode hyphens). */
const SEPARATOR = new RegExp(`[${CARD_ID_SEPARATORS}]`);
const SEPARATOR_ALL = new RegExp(SEPARATOR.source, 'g');

/**
 * An ID typed in groups (`A045 198 723`, `A045-198-723`, `A 045 198 723`): one kind of separator, single, between
 * groups of 3 or more letters and digits (the first may be the prefix alone). Only such a reading loses its
 * separators; `A999 0 05458`, `A045-198 723`, a separator in a `*…*` barcode or next to the end are refused as read.
 */
function grouped({ text, starred }: { text: string; starred: boolean }): boolean {
  const sep = SEPARATOR.exec(text)?.[0];
  if (starred || sep === undefined) return false;
  const groups = text.split(sep);
  return groups.every((g, i) => /^[A-Z0-9]{3,}$/.test(g) || (i === 0 && /^[A-Z]+$/.test(g)));
}

function matchData(id: string, format: CardIdFormat): CardIdResult {
  const bad = firstForeignCharacter(id, format);
  return bad >= 0 ? refuse('bad-character', charParams(id, bad)) : matchFormat(id, format);
}

function matchFormat(id: string, format: CardIdFormat): CardIdResult {
  const prefix = prefixesOf(format).find(
    (p) =>
      id.startsWith(p) && (id.length === p.length || format.bodyCharacters.includes(id.charAt(p.length))),
  );
  const rule = prefix === undefined ? undefined : format.prefixes[prefix];
  if (prefix !== undefined && rule !== undefined) {
    const body = id.slice(prefix.length);
    const foreign = [...body].findIndex((c) => !format.bodyCharacters.includes(c));
    if (foreign < 0 && rule.bodyLengths.includes(body.length))
      return { ok: true, id, prefix, kind: rule.kind, medium: rule.medium };
    if (format.legacy.test(id)) return refuse('legacy-code', {});
    if (foreign >= 0) return refuse('bad-character', charParams(id, prefix.length + foreign));
    const expected = totalLengthsOf(prefix, format).join('/');
    return refuse('bad-length', { prefix, length: id.length, expected });
  }
  if (format.legacy.test(id)) return refuse('legacy-code', {});
  return refuse('bad-prefix', { prefixes: prefixesOf(format).slice().sort().join(', ') });
}

/** Index of the first character that is neither a prefix letter nor a body character, or -1. */
function firstForeignCharacter(id: string, format: CardIdFormat): number {
  const allowed = format.bodyCharacters + Object.keys(format.prefixes).join('');
  return [...id].findIndex((c) => !(allowed.includes(c) || (c >= 'A' && c <= 'Z')));
}

function charParams(text: string, index: number): { char: string; position: number } {
  const chars = [...text];
  const c = chars[index] ?? '';
  // The character as the clerk sees it, quoted; an invisible one as "?" (never a code point: staff read this).
  return { char: `"${/^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]$/u.test(c) ? c : '?'}"`, position: index + 1 };
}

/** Renders from the card-ID table only: `parseCardId` does not pull every area's messages into a bundle. */
const createReason = /* @__PURE__ */ reasonFactory(cardIdMessages);

function refuse<C extends CardIdErrorCode>(
  code: C,
  params: Parameters<typeof createReason<C>>[1],
): CardIdResult {
  return { ok: false, error: createReason(code, params) as CardIdError };
}

/** How the mod-43 check character is handled: none expected, required and verified, or required and dropped. */
export type CheckCharacterMode = 'off' | 'verify' | 'strip';

/** The modes, for option validation and UIs. */
export const CHECK_CHARACTER_MODES: readonly CheckCharacterMode[] = ['off', 'verify', 'strip'];

type Split =
  | { readonly ok: true; readonly data: string }
  | { readonly ok: false; readonly code: 'bad-checksum' }
  | { readonly ok: false; readonly code: 'bad-character'; readonly index: number };

/**
 * Separates the data from its optional Code 39 mod-43 check character according to `mode`, never by guessing. A
 * check character may be a space, which a wedge's trailing whitespace hides: it is read as such only when a space
 * really followed the text and the last visible character is not itself a valid check.
 */
function splitCheckCharacter(reading: NormalizedReading, mode: CheckCharacterMode): Split {
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

/** A reading cleaned without guessing: only transformations that cannot change which card is meant. */
type NormalizedReading = {
  /** Upper-case text with surrounding whitespace, control and format characters removed. */
  readonly text: string;
  /** True when `*…*` Code 39 start/stop characters surrounded the text (removed from `text`). */
  readonly starred: boolean;
  /** True when a plain space directly followed the text (a Code 39 check character may be a space). */
  readonly trailingSpace: boolean;
};

// Cc (C0/C1 controls: CR, LF, TAB, STX, ETX, GS, …) and Cf (BOM, zero-width spaces, direction marks):
// invisible, never part of an ID; wedge scanners and copy-paste add them.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
// The Halfwidth and Fullwidth Forms block: an Asian IME or keyboard layout turns A9 into Ａ９.
// NFKC is applied to this block only: elsewhere it would turn Ⅹ into X or ① into 1 — guesses.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const LOWER_ASCII = /[a-z]/g;

/**
 * Removes what a wedge, a camera or a copy-paste adds around an ID; changes no character into another,
 * except full-width to ASCII and ASCII lower to upper case.
 */
function normalizeReading(raw: string): NormalizedReading {
  const visible = String(raw)
    .replace(INVISIBLE, '')
    .replace(FULL_WIDTH, (c) => c.normalize('NFKC'));
  const start = visible.search(/\S/u);
  const leading = start < 0 ? '' : visible.slice(start);
  const text = leading.trimEnd();
  const trailingSpace = leading.charAt(text.length) === ' ';
  const upper = text.replace(LOWER_ASCII, (c) => c.toUpperCase());
  const starred = upper.length >= 2 && upper.startsWith('*') && upper.endsWith('*');
  return { text: starred ? upper.slice(1, -1) : upper, starred, trailingSpace };
}
