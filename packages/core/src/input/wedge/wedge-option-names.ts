/**
 * The names of the classifier's options and their check: apart from `wedge-options.ts` (defaults, normalization)
 * because the listener checks names when it starts, before its classifier has loaded.
 */
import { PARSE_CARD_ID_OPTIONS } from '../../card-id/parse-card-id.js';
import type { CardIdParseOptions, WedgeClassifierOptions } from './types.js';
import { checkOptions, type OptionKeys } from '../../errors/options-error.js';

/** The classifier's options (the listener and calibration add their own). */
export const CLASSIFIER_OPTIONS = {
  layout: true,
  terminator: true,
  prefix: true,
  suffix: true,
  minLength: true,
  maxInterKeyMs: true,
  maxMedianInterKeyMs: true,
  idleTimeoutMs: true,
  recognizeAfter: true,
  acceptPaste: true,
  duplicateWindowMs: true,
  cardIdOptions: true,
  profile: true,
  parse: true,
} as const satisfies OptionKeys<WedgeClassifierOptions>;

/**
 * Throws `OptionsError` (`unknown-field`) for an option `known` lacks, and for one in `cardIdOptions` that
 * `parseCardId` does not know, so a misspelt option fails when the listener starts, not on the first scan.
 *
 * @example
 * checkWedgeOptions('classifyWedgeStream', options, CLASSIFIER_OPTIONS);
 */
export function checkWedgeOptions(
  where: string,
  options: { readonly cardIdOptions?: CardIdParseOptions | undefined } | undefined,
  known: Readonly<Record<string, true>>,
): void {
  checkOptions(where, options, known);
  checkOptions(where, options?.cardIdOptions, PARSE_CARD_ID_OPTIONS, 'cardIdOptions.');
}
