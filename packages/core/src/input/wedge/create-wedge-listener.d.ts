/**
 * The keyboard-wedge adapter: capture-phase listeners that record events and carry out the classifier's
 * effects. It never delays an event: a key is only suppressed once its burst is known to be a reader's.
 */
import { type CalibrationResult } from './calibrate-wedge.js';
import type { WedgeClassifierOptions, WedgeFailure, WedgeProfile, WedgeScan } from './types.js';
export type WedgeListenerOptions = WedgeClassifierOptions & {
  /** Where to listen: `document` (default, focus anywhere), `window`, or an element (focus inside it). */
  readonly target?: EventTarget;
  /** A card was read. The scan carries the card ID: the SDK never logs it. */
  readonly onScan: (scan: WedgeScan) => void;
  /** A reader's burst was refused (stable `code`, `message` in fi/sv/en). */
  readonly onError?: (error: WedgeFailure) => void;
  /** Take a reader's characters out of a focused text field (and keep its Enter from submitting). Default true. */
  readonly clearInput?: boolean;
  /** Stops the listener when aborted. */
  readonly signal?: AbortSignal;
};
export type WedgeCalibrateOptions = {
  readonly expectedId?: string;
  /** Give up after this long without a reading. Default 30 000 ms. */
  readonly timeoutMs?: number;
};
export type WedgeListener = {
  /** Removes every listener and timer. Idempotent. */
  stop(): void;
  /**
   * Waits for one reading of any card and learns the reader from it; on success the listener uses the new
   * profile at once, and the host may store `profile` (plain JSON) and pass it back later as `options.profile`.
   * While calibrating, keys are captured and no scan is reported.
   */
  calibrate(options?: WedgeCalibrateOptions): Promise<CalibrationResult>;
  /** The profile in use (defaults, a stored one, or the last calibration's). */
  readonly profile: WedgeProfile;
};
/**
 * Starts listening for keyboard-wedge readers.
 *
 * @example
 * const wedge = createWedgeListener({
 *   target: document,
 *   onScan: (scan) => lookUp(scan.id),
 *   onError: (error) => showMessage(error.message.fi),
 * });
 * // later: wedge.stop();
 */
export declare function createWedgeListener(options: WedgeListenerOptions): WedgeListener;
