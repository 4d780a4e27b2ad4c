import { type WedgeErrorCode } from '../../messages/wedge.js';
import { type Burst } from './burst-checks.js';
import { type ResolvedWedgeOptions } from './wedge-options.js';
import type { WedgeEffect, WedgeFailure } from './types.js';
/** How the burst ended: its terminator (or silence with terminator `'none'`), another Enter/Tab, a pause, a non-character key. */
export type BurstEnd =
  | {
      readonly kind: 'complete';
      readonly t: number;
    }
  | {
      readonly kind: 'other-terminator';
      readonly t: number;
      readonly received: string;
    }
  | {
      readonly kind: 'gap';
    }
  | {
      readonly kind: 'interrupted';
    };
export type Evaluation = {
  readonly effects: WedgeEffect[];
  readonly suppressEnd: boolean;
};
type Params = WedgeFailure['params'];
/** Builds a failure from the wedge message table. */
export declare function wedgeFailure(code: WedgeErrorCode, params?: Params): WedgeFailure;
/**
 * Evaluates a burst at its end.
 *
 * @example
 * evaluateBurst(burst, { kind: 'complete', t: 120 }, resolveWedgeOptions()); // { effects: [{ kind: 'scan', … }], … }
 */
export declare function evaluateBurst(burst: Burst, end: BurstEnd, options: ResolvedWedgeOptions): Evaluation;
export {};
