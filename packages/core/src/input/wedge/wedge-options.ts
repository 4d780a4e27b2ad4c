/**
 * The classifier's options: their names (checked when the listener starts), defaults and normalization (a stored
 * profile, then explicit options, win in that order).
 */
import { PARSE_CARD_ID_OPTIONS, parseCardId, type ParseCardIdOptions } from '../../card-id/parse-card-id.js';
import { checkOptions, type OptionKeys } from '../../errors/options-error.js';
import type { WedgeClassifierOptions, WedgeTerminator } from './types.js';

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
 * checkWedgeOptions('createWedgeListener', options, LISTENER_OPTIONS);
 */
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

const WEDGE_DEFAULTS = {
  minLength: 5,
  maxInterKeyMs: 80,
  maxMedianInterKeyMs: 35,
  idleTimeoutMs: 100,
  recognizeAfter: 4,
  duplicateWindowMs: 3000,
} as const;

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Fills in defaults; never throws (nonsense numbers fall back to the defaults).
 *
 * @example
 * resolveWedgeOptions({ terminator: 'Tab' }).maxInterKeyMs; // 80
 * resolveWedgeOptions().terminator; // 'auto'
 */
export function resolveWedgeOptions(options: WedgeClassifierOptions = {}): ResolvedWedgeOptions {
  const { profile } = options;
  const maxInterKeyMs = positive(
    options.maxInterKeyMs ?? profile?.maxInterKeyMs,
    WEDGE_DEFAULTS.maxInterKeyMs,
  );
  const maxMedian = positive(
    options.maxMedianInterKeyMs ?? profile?.maxMedianInterKeyMs,
    WEDGE_DEFAULTS.maxMedianInterKeyMs,
  );
  const whole = (value: number | undefined, fallback: number, min: number) =>
    Math.max(min, Math.floor(positive(value, fallback)));
  const window = options.duplicateWindowMs;
  return {
    layout: options.layout ?? profile?.layout ?? 'auto',
    terminator: options.terminator ?? profile?.terminator ?? 'auto',
    prefix: options.prefix ?? profile?.prefix ?? '',
    suffix: options.suffix ?? profile?.suffix ?? '',
    minLength: whole(options.minLength, WEDGE_DEFAULTS.minLength, 1),
    maxInterKeyMs,
    maxMedianInterKeyMs: Math.min(maxMedian, maxInterKeyMs),
    idleTimeoutMs: Math.max(maxInterKeyMs, positive(options.idleTimeoutMs, WEDGE_DEFAULTS.idleTimeoutMs)),
    recognizeAfter: whole(options.recognizeAfter, WEDGE_DEFAULTS.recognizeAfter, 2),
    acceptPaste: options.acceptPaste ?? true,
    duplicateWindowMs:
      window !== undefined && Number.isFinite(window) && window >= 0
        ? window
        : WEDGE_DEFAULTS.duplicateWindowMs,
    cardIdOptions: options.cardIdOptions,
    parse: options.parse ?? parseCardId,
  };
}

/** A terminator as a short label for messages (`Enter`, `Tab`, `#`, `none`; `Enter/Tab` for `auto`). */
export function describeTerminator(terminator: WedgeTerminator): string {
  if (terminator === 'auto') return 'Enter/Tab';
  if (typeof terminator === 'string') return terminator;
  return terminator.key ?? terminator.code ?? 'none';
}
