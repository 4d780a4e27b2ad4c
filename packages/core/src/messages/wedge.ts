/** Keyboard-wedge texts, in tables that load with their code (loading, classifier, calibration); never a reading. */
import { wedgeCalibrationMessages } from './wedge-calibration.js';
import { wedgeListenerMessages } from './wedge-listener.js';

/**
 * Every wedge text, the listener's and calibration's: the registry's `wedge` table. A page that only reads cards
 * should pick `wedgeListenerMessages` instead: importing this file brings calibration's texts into its first download.
 *
 * @example
 * wedgeMessages['mixed-input'].en({}); // 'Other keystrokes got mixed into the reading. …'
 */
export const wedgeMessages = /* @__PURE__ */ Object.assign(
  {},
  wedgeListenerMessages,
  wedgeCalibrationMessages,
);

/** A stable code of the wedge listener or its calibration. */
export type WedgeErrorCode = keyof typeof wedgeMessages;
