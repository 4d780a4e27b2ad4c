/**
 * `createWedgeListener` as the main entry exports it: calibration is bundled with the listener rather than loaded
 * on demand (see `create-wedge-listener.ts` for why the main entry must not hold that `import()`). Pages that want
 * calibration out of their first download import the listener from `@kaiku-scanner/core/wedge`.
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
