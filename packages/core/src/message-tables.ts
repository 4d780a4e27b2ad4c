/**
 * `@kaiku-scanner/core/messages` — the message tables, one per area, and `defineTexts` to write your own the
 * same way. For user interfaces that must ship only the texts they show (`<kaiku-scanner>` puts the card-ID and
 * the card-ID table in its first download and the rest in a later chunk). Everyone else uses `localize` from
 * the main entry, which knows every code; results and errors also carry their texts already.
 *
 * Each table maps a stable code to `{ fi, sv, en }` functions of the code's parameters; a table is typed so that a
 * missing language does not compile. The camera's, the decoders' and the reports' tables come with their own
 * entries (`cameraMessages`, `decodeMessages`, `reportMessages`), and the card-ID parser's with
 * `@kaiku-scanner/core/base` (`cardIdMessages`: a page's first download).
 *
 * @example
 * import { rulesMessages, defineTexts } from '@kaiku-scanner/core/messages';
 * rulesMessages['card-expired'].sv({ validUntil: '9.1.2026', today: '10.1.2026' });
 * const mine = defineTexts({ fi: { 'till-closed': 'Kassa {till} on suljettu.' }, sv: { 'till-closed': 'Kassan {till} är stängd.' }, en: { 'till-closed': 'Till {till} is closed.' } });
 *
 * @packageDocumentation
 */
export { LOCALES, defineTexts, renderAll } from './messages/define.js';
export type { Locale, LocalizedMessage, LocalizedText, MessageParams } from './messages/define.js';
export type { CardIdErrorCode } from './messages/card-id.js';
export { rulesMessages } from './messages/rules.js';
export type { RulesMessageCode } from './messages/rules.js';
export { apiMessageCode, apiMessages } from './messages/api.js';
export type { ApiMessageCode } from './messages/api.js';
export { outboxMessages } from './messages/outbox.js';
export type { OutboxMessageCode } from './messages/outbox.js';
// The wedge listener's and calibration's texts (a failure also carries its own text).
export { wedgeMessages } from './messages/wedge.js';
export type { WedgeErrorCode } from './messages/wedge.js';
