/**
 * `@kaiku-scanner/core/wedge` — reading cards from a keyboard-wedge USB reader: `createWedgeListener` (the SDK's
 * one listener; its classifier and calibration load on demand) with its types, and the card-ID parser it uses.
 *
 * A subpath of its own for a small first download (the `<kaiku-scanner>` element): it keeps the API client, the
 * outbox, zod and ky out, to be loaded with `import()` of the main entry when needed.
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
// Texts: the parser's and the shared errors in `@kaiku-scanner/core/base`, the listener's in `/messages`.
