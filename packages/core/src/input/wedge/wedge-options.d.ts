import type { WedgeLayout } from './layouts.js';
import type { CardIdParseOptions, CardIdParser, WedgeClassifierOptions, WedgeTerminator } from './types.js';
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
  readonly acceptPaste: boolean;
  readonly cardIdOptions: CardIdParseOptions | undefined;
  readonly parse: CardIdParser;
};
export declare const WEDGE_DEFAULTS: {
  readonly layout: 'auto';
  readonly terminator: 'Enter';
  readonly minLength: 5;
  readonly maxInterKeyMs: 80;
  readonly maxMedianInterKeyMs: 35;
  readonly idleTimeoutMs: 100;
  readonly recognizeAfter: 4;
};
/**
 * Fills in defaults; never throws (nonsense numbers fall back to the defaults).
 *
 * @example
 * resolveWedgeOptions({ terminator: 'Tab' }).maxInterKeyMs; // 80
 */
export declare function resolveWedgeOptions(options?: WedgeClassifierOptions): ResolvedWedgeOptions;
/** A terminator as a short label for messages (`Enter`, `Tab`, `#`, `none`). */
export declare function describeTerminator(terminator: WedgeTerminator): string;
