/**
 * `@kaiku-scanner/core/base` — the small pieces every entry shares (errors, the option check, `defineTexts`, the
 * card-ID texts, the worker's Trusted Types policy), the same values as elsewhere: importing them from here keeps
 * those entries' other modules out of a page's first download.
 *
 * @example
 * import { KaikuError, isKaikuError } from '@kaiku-scanner/core/base';
 * const load = () => import('./panel.js').catch((cause) => { throw new KaikuError('load-failed', 'Not loaded', { cause }); });
 *
 * @packageDocumentation
 */
export { KaikuError, isKaikuError, type KaikuErrorOptions } from './errors/kaiku-error.js';
export { OptionsError, checkOptions, optionKeys, type OptionKeys } from './errors/options-error.js';
export { defineTexts, fillText, renderAll } from './messages/define.js';
export type { LocalizedMessage, LocalizedText, MessageParams } from './messages/define.js';
export { cardIdMessages } from './messages/card-id.js';
export { claimWorkerPolicy } from './input/camera/trusted-worker.js';
export { steadyClock } from './outbox/steady-clock.js';
