/**
 * The listener's calibration mode: captures keys until one reading has been seen (its terminator, or a
 * pause after enough characters), then learns the reader from them. The listener loads this module (and
 * calibration with it) on demand, when `calibrate()` is first called, and keeps keys from the page meanwhile.
 */
import {
  calibrateWedge,
  calibrationFailure,
  type CalibrationOptions,
  type CalibrationResult,
} from './calibrate-wedge.js';
import { isModifier, otherTerminatorName } from './key-kinds.js';
import type { WedgeRecord } from './types.js';

export type CalibrationSession = {
  record(record: WedgeRecord): void;
  /** Ends the session now: it finishes as timed out. */
  cancel(): void;
};

/** Silence that ends a reading without a terminator (slow Bluetooth readers stay well below it). */
const END_SILENCE_MS = 400;

/**
 * Starts capturing; `finish` gets the calibration's result once a reading is complete, or a
 * `calibration-timeout` failure after `timeoutMs` (or on `cancel()`).
 *
 * @example
 * const session = startCalibration({ timeoutMs: 30_000, minLength: 5 }, showResult);
 * session.record(record); // for every record the listener sees
 */
export function startCalibration(
  options: CalibrationOptions & { readonly timeoutMs: number; readonly minLength: number },
  finish: (result: CalibrationResult) => void,
): CalibrationSession {
  // `timeoutMs` is the session's own; calibrateWedge refuses options it does not know.
  const { timeoutMs, ...calibrationOptions } = options;
  const records: WedgeRecord[] = [];
  let chars = 0;
  let done = false;
  let silence: ReturnType<typeof setTimeout> | undefined;
  const end = (timedOut: boolean): void => {
    if (done) return;
    done = true;
    clearTimeout(overall);
    if (silence !== undefined) clearTimeout(silence);
    finish(
      timedOut
        ? { ok: false, error: calibrationFailure('calibration-timeout', {}) }
        : calibrateWedge(records, calibrationOptions),
    );
  };
  const overall = setTimeout(() => end(true), timeoutMs);

  return {
    record(record) {
      if (done) return;
      records.push(record);
      if (record.type !== 'keydown' || isModifier(record) || record.repeat === true) return;
      if (silence !== undefined) clearTimeout(silence);
      const ender = otherTerminatorName(record, 'none') !== undefined || Array.from(record.key).length > 1;
      if (ender && !/^Numpad/.test(record.code) && record.key !== 'Unidentified') {
        if (chars >= options.minLength) end(false);
        chars = 0;
        return;
      }
      chars++;
      silence = setTimeout(() => {
        if (chars >= options.minLength) end(false);
        else chars = 0;
      }, END_SILENCE_MS);
    },
    cancel() {
      end(true);
    },
  };
}
