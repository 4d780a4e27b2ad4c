/**
 * `createWedgeListener`, the SDK's one listener, as `@kaiku-scanner/core/wedge` exports it (the main entry has
 * none, see `index.ts`): the classifier with its texts (`wedge-engine.ts`) is a chunk of its own, loaded when the
 * first listener starts, and so is calibration (`calibrateWedge`, the session, their texts), loaded by the first
 * `calibrate()`.
 */
import {
  listenForWedge,
  type WedgeEngine,
  type WedgeListener,
  type WedgeListenerOptions,
} from './listen-for-wedge.js';

export type { WedgeCalibrateOptions, WedgeListener, WedgeListenerOptions } from './listen-for-wedge.js';

/** The engine once loaded: a listener started later (the element restarts its own) has it at once. */
let engine: WedgeEngine | undefined;

/**
 * Starts listening for keyboard-wedge readers. Its classifier (the engine) loads on demand too, starting now: keys
 * that arrive before it is there are recorded and classified in order once it is (see `listen-for-wedge.ts`).
 *
 * @example
 * const wedge = createWedgeListener({
 *   target: document,
 *   onScan: (scan) => lookUp(scan.id),
 *   onError: (error) => showMessage(error.message.fi),
 * });
 * // later: wedge.stop();
 * @throws KaikuError `wedge-no-target` when there is no target (no `document`, e.g. server-side rendering), and
 * `wedge-invalid-option` for a number it cannot use (`NaN`, a negative time; `params.fields` names them).
 */
export function createWedgeListener(options: WedgeListenerOptions): WedgeListener {
  return listenForWedge(
    options,
    () => import('./calibrate-wedge.js').then((m) => m.startCalibration),
    () => engine ?? import('./wedge-engine.js').then((m) => (engine = m)),
  );
}
