import type { WedgeRecord } from './types.js';
export type CalibrationSession = {
  record(record: WedgeRecord, event: Event): void;
  cancel(): void;
};
export declare function startCalibration(options: {
  readonly timeoutMs: number;
  readonly minLength: number;
  readonly finish: (records: readonly WedgeRecord[], timedOut: boolean) => void;
}): CalibrationSession;
