/**
 * `@kaiku-scanner/core/wedge` — reading cards from a keyboard-wedge USB reader: `createWedgeListener` (the SDK's
 * one listener; its classifier and calibration load on demand) with its types, and the card-ID parser it uses.
 *
 * A subpath of its own for pages whose first download must stay small (the `<kaiku-scanner>` element): importing
 * only this entry keeps the API client, the outbox, zod and ky out of that download, to be loaded with `import()`
 * of the main entry when they are needed. (A bundler that splits code keeps everything a page's entry reaches
 * through the main entry's re-exports in the first download, used or not.)
 *
 * @example
 * import { createWedgeListener } from '@kaiku-scanner/core/wedge';
 * const wedge = createWedgeListener({ onScan: (scan) => lookUp(scan.id) });
 *
 * @packageDocumentation
 */
export { createWedgeListener } from './create-wedge-listener.js';
export type { WedgeCalibrateOptions, WedgeListener, WedgeListenerOptions } from './create-wedge-listener.js';
export type { CalibrationOptions, CalibrationResult } from './calibrate-wedge.js';
export type { WedgeLayout, WedgeLayoutName } from './layouts.js';
export type {
  WedgeClassifierOptions,
  WedgeEffect,
  WedgeFailure,
  WedgeIdleRecord,
  WedgeKeyRecord,
  WedgeProfile,
  WedgeRecord,
  WedgeScan,
  WedgeTerminator,
  WedgeTextRecord,
} from './types.js';
export type { WedgeErrorCode } from '../../messages/wedge.js';
export { parseCardId } from '../../card-id/parse-card-id.js';
export type { CardIdResult, ParseCardIdOptions, ParsedCardId } from '../../card-id/parse-card-id.js';
// The parser's texts, for pages (the element) that show them from their first download: a page's bundler keeps
// every module an entry of its first download re-exports there, so they cannot come from another entry.
// (`localize` in the main entry knows every code.)
export { cardIdMessages } from '../../messages/card-id.js';
// Not the listener's texts (`wedgeMessages` in `@kaiku-scanner/core/messages`): a failure carries its own, and with
// code splitting a re-export here would put them, which load with the listener's classifier, back in the first
// download.
// For pages (the element) that define their own message table and errors in their first download.
export { defineMessages } from '../../messages/define.js';
export type { LocalizedMessage, LocalizedText, MessageParams } from '../../messages/define.js';
export { KaikuError, isKaikuError } from '../../errors/kaiku-error.js';
// Option bags are checked by name; the element checks its own with these in its first download.
export { OptionsError, checkOptions } from '../../errors/options-error.js';
export type { OptionKeys } from '../../errors/options-error.js';
// The camera worker's Trusted Types policy, claimed from the element's first download (also in `/camera`).
export { claimWorkerPolicy } from '../camera/trusted-worker.js';
