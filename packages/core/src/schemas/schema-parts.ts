/**
 * Small builders shared by the contract's schemas, on `zod/mini` (functions, not prototype methods,
 * so a bundle carries only the parts of zod it uses).
 */
import * as z from 'zod/mini';
import { CARD_ID_SEPARATORS } from '../card-id/card-id-format.js';
import { _coercedNumber, _isoDate, _isoDateTime } from 'zod/v4/core';

/**
 * Returns `build()`. Module-level schemas are written `/* @__PURE__ *\/ pure(() => z.object(…))`: building a schema is
 * a chain of calls bundlers must otherwise keep in case of side effects, so every schema of a file would ride along
 * with any export of it, also in the published build, where rollup has merged the modules into one file.
 */
export function pure<T>(build: () => T): T {
  return build();
}

// `z.iso.date()`, `z.iso.datetime({ offset: true })` and `z.coerce.number()` are exactly these core builders with
// zod/mini's classes. Called through the `z.iso` and `z.coerce` namespace objects, they made bundlers keep every
// member of those namespaces (ISO time and duration, bigint coercion: ~2 KB minified).
export const isoDate = () => _isoDate(z.ZodMiniISODate);
/** An ISO 8601 date-time **with** an offset (`Z` or `±hh:mm`). */
export const isoDateTime = () => _isoDateTime(z.ZodMiniISODateTime, { offset: true });
/** A number, converted with `Number(input)` first (a query-string value). */
export const coercedNumber = () => _coercedNumber(z.ZodMiniNumber);

/** A whole number from `min` (up to `max` when given). */
export function wholeNumber(min: number, max?: number) {
  return z.number().check(z.int(), z.minimum(min), ...(max === undefined ? [] : [z.maximum(max)]));
}

/** A string of `min` characters or more (at most `max` when given). */
export function text(min: number, max?: number) {
  return z.string().check(z.minLength(min), ...(max === undefined ? [] : [z.maxLength(max)]));
}

/**
 * An identifier (a venue or show ID) of 1 to `max` characters with nothing hidden in it: no control or format
 * character (Unicode Cc, Cf: NUL, a bidi override U+202E, a zero-width space), no lone surrogate and no line or
 * paragraph separator. Such an ID would look like another one to people while being a new one to the server.
 *
 * @example
 * plainId(128).safeParse('teatteri-hilla\u202e').success; // false
 */
export function plainId(max: number) {
  return z.string().check(z.minLength(1), z.maxLength(max), z.regex(PLAIN_ID));
}

/** What `plainId` allows (also the `pattern` of the OpenAPI document's ID path parameters). */
export const PLAIN_ID = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]*$/u;

/**
 * A terminal's name (`Kassa 2`): letters, digits and a few marks, and no run of four digits of any script, single
 * separators `parseCardId` strips allowed between them (a card ID has one, so no reading of a card ID — `Ａ０４５…`,
 * `A045 198 723` — passes as a terminal's name). The one rule for the name a clerk sets (the element's config check),
 * the sandbox and the name the client keeps from a server's `already-used` reason; the length (1–40) is
 * `TerminalNameSchema`'s own check.
 */
export const TERMINAL_NAME = new RegExp(
  `^(?!.*\\p{Nd}(?:[${CARD_ID_SEPARATORS}]?\\p{Nd}){3})(?:[\\p{L}\\p{N}][\\p{L}\\p{N} .,:()/#'-]*)?$`,
  'u',
);
