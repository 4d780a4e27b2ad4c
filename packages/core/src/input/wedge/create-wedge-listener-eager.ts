/**
 * The same listener with its classifier and calibration bundled rather than loaded on demand. Not exported by any entry (the public
 * one is `create-wedge-listener.ts`): tests use it to compare both ways of getting calibration.
 */
import { startCalibration } from './calibration-session.js';
import * as engine from './wedge-engine.js';
import { listenForWedge, type WedgeListener, type WedgeListenerOptions } from './listen-for-wedge.js';

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
 * @throws KaikuError `wedge-no-target` when there is no target (no `document`, e.g. server-side rendering).
 */
export function createWedgeListener(options: WedgeListenerOptions): WedgeListener {
  return listenForWedge(
    options,
    () => Promise.resolve(startCalibration),
    () => engine,
  );
}
