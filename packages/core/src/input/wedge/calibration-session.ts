/**
 * The listener's calibration mode: captures keys until one reading has been seen (its terminator, or a
 * pause after enough characters), then hands the records over. Keys are kept from the page meanwhile.
 */
import { isModifier, otherTerminatorName } from './key-kinds.js';
import type { WedgeRecord } from './types.js';

export type CalibrationSession = {
  record(record: WedgeRecord, event: Event): void;
  cancel(): void;
};

/** Silence that ends a reading without a terminator (slow Bluetooth readers stay well below it). */
const END_SILENCE_MS = 400;

export function startCalibration(options: {
  readonly timeoutMs: number;
  readonly minLength: number;
  readonly finish: (records: readonly WedgeRecord[], timedOut: boolean) => void;
}): CalibrationSession {
  const records: WedgeRecord[] = [];
  let chars = 0;
  let done = false;
  let silence: ReturnType<typeof setTimeout> | undefined;
  const end = (timedOut: boolean): void => {
    if (done) return;
    done = true;
    clearTimeout(overall);
    if (silence !== undefined) clearTimeout(silence);
    options.finish(records, timedOut);
  };
  const overall = setTimeout(() => end(true), options.timeoutMs);

  return {
    record(record, event) {
      if (done) return;
      if (record.type === 'keydown' || record.type === 'paste') event.preventDefault();
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
