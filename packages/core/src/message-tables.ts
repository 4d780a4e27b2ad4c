/**
 * `@kaiku-scanner/core/messages` — the message tables, one per area (`{ fi, sv, en }` per code), and `defineTexts`
 * to write your own, for UIs that ship only the texts they show; everyone else uses `localize`. The camera's,
 * decoders', reports' and card IDs' tables come with their own entries.
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
export { rulesMessages, type RulesMessageCode } from './messages/rules.js';
export { apiMessageCode, apiMessages, type ApiMessageCode } from './messages/api.js';
export { outboxMessages, type OutboxMessageCode } from './messages/outbox.js';
// The wedge listener's and calibration's texts (a failure also carries its own text).
export { wedgeMessages, type WedgeErrorCode } from './messages/wedge.js';
