/**
 * `@kaiku-scanner/core/base` — the small pieces every entry shares, for a page whose first download must stay small
 * (the `<kaiku-scanner>` element): the error base class and its guard, the option-name check, `defineTexts` and
 * `renderAll`, the card-ID parser's texts and the camera worker's Trusted Types policy. Each is also exported where
 * it belongs (the main entry, `/contract`, `/messages`, `/camera`), and is the same value there; importing it from
 * here keeps those entries' other modules out of the first download. (A bundler that splits code keeps everything a
 * page's first download reaches through an entry's re-exports there, used or not.)
 *
 * @example
 * import { KaikuError, isKaikuError } from '@kaiku-scanner/core/base';
 * const load = () => import('./panel.js').catch((cause) => { throw new KaikuError('load-failed', 'Not loaded', { cause }); });
 *
 * @packageDocumentation
 */
export { KaikuError, isKaikuError } from './errors/kaiku-error.js';
export type { KaikuErrorOptions } from './errors/kaiku-error.js';
export { OptionsError, checkOptions } from './errors/options-error.js';
export type { OptionKeys } from './errors/options-error.js';
export { defineTexts, renderAll } from './messages/define.js';
export type { LocalizedMessage, LocalizedText, MessageParams } from './messages/define.js';
export { cardIdMessages } from './messages/card-id.js';
export { claimWorkerPolicy } from './input/camera/trusted-worker.js';
