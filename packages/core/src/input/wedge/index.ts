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
export { createWedgeListener } from './listen-for-wedge.js';
export type { WedgeCalibrateOptions, WedgeListener, WedgeListenerOptions } from './listen-for-wedge.js';
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
// The parser's texts (`cardIdMessages`), the errors and `defineMessages` a page's first download shares with the
// listener are in `@kaiku-scanner/core/base`; the listener's own texts in `@kaiku-scanner/core/messages` (a failure
// carries its own).
