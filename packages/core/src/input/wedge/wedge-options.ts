/**
 * Defaults and normalization of the classifier options (a stored profile, then explicit options, win in that order).
 */
import { parseCardId } from '../../card-id/parse-card-id.js';
import type { WedgeLayout } from './layouts.js';
import type { CardIdParseOptions, CardIdParser, WedgeClassifierOptions, WedgeTerminator } from './types.js';

export { CLASSIFIER_OPTIONS, checkWedgeOptions } from './wedge-option-names.js';

export type ResolvedWedgeOptions = {
  readonly layout: WedgeLayout;
  readonly terminator: WedgeTerminator;
  readonly prefix: string;
  readonly suffix: string;
  readonly minLength: number;
  readonly maxInterKeyMs: number;
  readonly maxMedianInterKeyMs: number;
  readonly idleTimeoutMs: number;
  readonly recognizeAfter: number;
  readonly acceptPaste: boolean | 'anywhere';
  readonly duplicateWindowMs: number;
  readonly cardIdOptions: CardIdParseOptions | undefined;
  readonly parse: CardIdParser;
};

export const WEDGE_DEFAULTS = {
  layout: 'auto',
  terminator: 'auto',
  minLength: 5,
  maxInterKeyMs: 80,
  maxMedianInterKeyMs: 35,
  idleTimeoutMs: 100,
  recognizeAfter: 4,
  duplicateWindowMs: 3000,
} as const;

const defaultParse: CardIdParser = parseCardId;

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
  const profile = options.profile;
  const maxInterKeyMs = positive(
    options.maxInterKeyMs ?? profile?.maxInterKeyMs,
    WEDGE_DEFAULTS.maxInterKeyMs,
  );
  const maxMedian = positive(
    options.maxMedianInterKeyMs ?? profile?.maxMedianInterKeyMs,
    WEDGE_DEFAULTS.maxMedianInterKeyMs,
  );
  return {
    layout: options.layout ?? profile?.layout ?? WEDGE_DEFAULTS.layout,
    terminator: options.terminator ?? profile?.terminator ?? WEDGE_DEFAULTS.terminator,
    prefix: options.prefix ?? profile?.prefix ?? '',
    suffix: options.suffix ?? profile?.suffix ?? '',
    minLength: Math.max(1, Math.floor(positive(options.minLength, WEDGE_DEFAULTS.minLength))),
    maxInterKeyMs,
    maxMedianInterKeyMs: Math.min(maxMedian, maxInterKeyMs),
    idleTimeoutMs: Math.max(maxInterKeyMs, positive(options.idleTimeoutMs, WEDGE_DEFAULTS.idleTimeoutMs)),
    recognizeAfter: Math.max(2, Math.floor(positive(options.recognizeAfter, WEDGE_DEFAULTS.recognizeAfter))),
    acceptPaste: options.acceptPaste ?? true,
    duplicateWindowMs:
      options.duplicateWindowMs !== undefined &&
      Number.isFinite(options.duplicateWindowMs) &&
      options.duplicateWindowMs >= 0
        ? options.duplicateWindowMs
        : WEDGE_DEFAULTS.duplicateWindowMs,
    cardIdOptions: options.cardIdOptions,
    parse: options.parse ?? defaultParse,
  };
}

/** A terminator as a short label for messages (`Enter`, `Tab`, `#`, `none`; `Enter/Tab` for `auto`). */
export function describeTerminator(terminator: WedgeTerminator): string {
  if (terminator === 'auto') return 'Enter/Tab';
  if (typeof terminator === 'string') return terminator;
  return terminator.key ?? terminator.code ?? 'none';
}
