/**
 * `@kaiku-scanner/core` — the headless Kaikukortti client: card-ID parsing, the operating-model rules, the
 * Kaikukanta API client. Its types need no DOM library (a Node project compiles with `lib: ["ES2022"]`).
 *
 * The other entries: `/outbox` (IndexedDB), `/wedge` (keyboard-wedge readers), `/camera`, `/decode` (still images),
 * `/reports`, `/messages` (per-area tables) and `/contract` (schemas and OpenAPI, for servers and tools).
 *
 * @example
 * import { parseCardId, localize } from '@kaiku-scanner/core';
 * const card = parseCardId(' *a045198723* ');
 * if (!card.ok) show(localize(card.error, 'sv'));
 *
 * @packageDocumentation
 */

// --- card IDs ---
export { CHECK_CHARACTER_MODES, parseCardId } from './card-id/parse-card-id.js';
export type { CardIdError, CardIdResult, ParseCardIdOptions, ParsedCardId } from './card-id/parse-card-id.js';
export type { CheckCharacterMode } from './card-id/parse-card-id.js';
export { CARD_ID_FORMAT } from './card-id/card-id-format.js';
export type { CardIdFormat, CardMedium, CardPrefixRule } from './card-id/card-id-format.js';

// --- texts: every code of the SDK in Finnish, Swedish and English ---
// Results and errors carry their texts too; the per-area tables are in `@kaiku-scanner/core/messages`.
export { LOCALES, isMessageCode, localize } from './messages/index.js';
export type { Locale, LocalizedText, MessageCode, Reason } from './messages/index.js';
export { readProblemReasons, type ServerReason } from './messages/server-reason.js';

// --- the operating model's rules (pure) ---
export { decideUsage } from './rules/decide-usage.js';
export * from './rules/usage-types.js';
export * from './rules/show-event.js';
// check-cap-setting.ts and policies.ts also export internals (the cap rules, each policy version): named here.
export { checkCapSetting, type CapSettingInput, type CapSettingResult } from './rules/check-cap-setting.js';
export * from './rules/check-void-window.js';
export { DEFAULT_POLICY, POLICIES, definePolicy, getPolicy } from './policy/policies.js';
export type { CapPolicy, OperatingModelPolicy, UsagePolicy } from './policy/policies.js';

// --- Kaikukanta API: the HTTP client, the transport seam, errors ---
// The contract's types and schemas (the rules' inputs too) are in `/contract`; a terminal checks `SHOW_KINDS`.
export { SHOW_KINDS } from './schemas/api.js';
export * from './api/create-api-client.js';
export type { TokenRequest } from './api/send-request.js';
export type { RetryOptions } from './api/retry-policy.js';
export * from './api/http-transport.js';
export * from './api/transport.js';
export {
  API_ERROR_CODES,
  ApiAbortError,
  ApiHttpError,
  ApiNetworkError,
  ApiProblemError,
  ApiRequestError,
  ApiResponseError,
  ApiTimeoutError,
  KaikuApiError,
} from './api/api-errors.js';
export type { ApiErrorCode } from './api/api-errors.js';
// The base error class and its cross-realm guard (every SDK error subclasses it).
export { KaikuError, isKaikuError } from './errors/kaiku-error.js';
// Every option bag is checked by name: a misspelt option throws this (`unknown-field`).
export { OptionsError } from './errors/options-error.js';

// --- the outbox's records and its CSV report (data only; the outbox itself, its states and policies are
// `@kaiku-scanner/core/outbox`). From the modules themselves: the outbox's own declarations name IndexedDB.
export type { Acceptance, OutboxRecord, RecordState, RefusalReason } from './outbox/types.js';
export * from './outbox/csv-export.js';
