/** The classifier's options: names, defaults, normalization (explicit options win over a stored profile). */
import { PARSE_CARD_ID_OPTIONS, parseCardId, type ParseCardIdOptions } from '../../card-id/parse-card-id.js';
import { checkOptions, optionKeys } from '../../errors/options-error.js';
import { KaikuError } from '../../errors/kaiku-error.js';
import type { WedgeClassifierOptions } from './types.js';

/** The classifier's options (the listener and calibration add their own). */
export const CLASSIFIER_OPTIONS = optionKeys<WedgeClassifierOptions>()(
  'layout terminator prefix suffix minLength maxInterKeyMs maxMedianInterKeyMs idleTimeoutMs recognizeAfter acceptPaste duplicateWindowMs cardIdOptions profile parse',
);

/** Throws `OptionsError` (`unknown-field`) for an option `known` or `parseCardId` lacks: a typo fails at the start. */
export function checkWedgeOptions(
  where: string,
  options: { readonly cardIdOptions?: ParseCardIdOptions | undefined } | undefined,
  known: Readonly<Record<string, true>>,
): void {
  checkOptions(where, options, known);
  checkOptions(where, options?.cardIdOptions, PARSE_CARD_ID_OPTIONS, 'cardIdOptions.');
}

/** The classifier's options with every default filled in (`profile` merged, `parse` defaulted). */
export type ResolvedWedgeOptions = Required<Omit<WedgeClassifierOptions, 'profile' | 'cardIdOptions'>> & {
  readonly cardIdOptions: ParseCardIdOptions | undefined;
};

/** The numeric options: default, least value (recognizing takes two keys; 0 turns duplicates off), whole number. */
const NUMBERS = {
  minLength: [5, 1, true],
  recognizeAfter: [4, 2, true],
  maxInterKeyMs: [80, Number.MIN_VALUE, false],
  maxMedianInterKeyMs: [35, Number.MIN_VALUE, false],
  idleTimeoutMs: [100, Number.MIN_VALUE, false],
  duplicateWindowMs: [3000, 0, false],
} as const;

/**
 * Fills in defaults. Throws `wedge-invalid-option` naming every numeric option (`profile.…` for a stored one) that is
 * not finite, below its least value or a fraction of a key count (NaN would silently mean the default).
 */
export function resolveWedgeOptions(options: WedgeClassifierOptions = {}): ResolvedWedgeOptions {
  const { profile } = options;
  const bad: string[] = [];
  const n = {} as Record<keyof typeof NUMBERS, number>;
  for (const key of Object.keys(NUMBERS) as (keyof typeof NUMBERS)[]) {
    const [fallback, min, whole] = NUMBERS[key];
    const stored = key === 'maxInterKeyMs' || key === 'maxMedianInterKeyMs' ? profile?.[key] : undefined;
    const value: unknown = options[key] ?? stored;
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= min &&
      (!whole || Number.isInteger(value));
    if (value !== undefined && !ok) bad.push(options[key] === undefined ? `profile.${key}` : key);
    n[key] = ok ? value : fallback;
  }
  if (bad.length > 0) {
    // English inline, as `OptionsError` does (`localize` renders it from `wedgeListenerMessages`).
    const fields = bad.join(', ');
    const message = `Invalid barcode reader setting (${fields}): check its value.`;
    throw new KaikuError('wedge-invalid-option', message, { params: { fields } });
  }
  return {
    layout: options.layout ?? profile?.layout ?? 'auto',
    terminator: options.terminator ?? profile?.terminator ?? 'auto',
    prefix: options.prefix ?? profile?.prefix ?? '',
    suffix: options.suffix ?? profile?.suffix ?? '',
    ...n,
    maxMedianInterKeyMs: Math.min(n.maxMedianInterKeyMs, n.maxInterKeyMs),
    idleTimeoutMs: Math.max(n.maxInterKeyMs, n.idleTimeoutMs),
    acceptPaste: options.acceptPaste ?? true,
    cardIdOptions: options.cardIdOptions,
    parse: options.parse ?? parseCardId,
  };
}
