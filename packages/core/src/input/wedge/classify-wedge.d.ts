import { type Burst } from './burst-checks.js';
import { type ResolvedWedgeOptions } from './wedge-options.js';
import type { WedgeClassifierOptions, WedgeEffect, WedgeRecord } from './types.js';
export type WedgeState = {
  readonly burst: Burst | undefined;
  /** Codes held down (keydown seen, keyup not yet): tells a doubled event from a typed double letter. */
  readonly down: readonly string[];
  /** Digits typed with Alt held (Alt+numpad character codes), `undefined` outside that mode. */
  readonly altDigits: string | undefined;
};
export type WedgeStep = {
  readonly state: WedgeState;
  readonly effects: readonly WedgeEffect[];
  /** When the adapter should feed an `idle` record (a burst may end by silence), else `undefined`. */
  readonly wakeAt: number | undefined;
};
export declare const INITIAL_WEDGE_STATE: WedgeState;
/**
 * Feeds one record.
 *
 * @example
 * let state = INITIAL_WEDGE_STATE;
 * const options = resolveWedgeOptions({ layout: 'us' });
 * for (const record of records) ({ state } = stepWedge(state, record, options));
 */
export declare function stepWedge(
  state: WedgeState,
  record: WedgeRecord,
  options: ResolvedWedgeOptions,
): WedgeStep;
/**
 * Classifies a whole recorded stream (tests, replays, benchmarks): every effect in order.
 * Add a final `idle` record to settle a burst that ends the stream.
 *
 * @example
 * classifyWedgeStream(records, { terminator: 'Tab' }).filter((e) => e.kind === 'scan');
 */
export declare function classifyWedgeStream(
  records: Iterable<WedgeRecord>,
  options?: WedgeClassifierOptions,
): WedgeEffect[];
