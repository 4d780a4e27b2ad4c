/**
 * @kaiku-scanner/core — the headless Kaikukortti client.
 *
 * One entry with an explicit export list: every public name is chosen here.
 * Each area keeps its own block below.
 */

// --- card IDs, rules, policy, schemas, messages (pure domain) ---
export { parseCardId } from './card-id/parse-card-id.js';
export type { CardIdError, CardIdResult, ParseCardIdOptions, ParsedCardId } from './card-id/parse-card-id.js';
export { CARD_ID_FORMAT, prefixesOf, totalLengthsOf } from './card-id/card-id-format.js';
export type { CardIdFormat, CardMedium, CardPrefixRule } from './card-id/card-id-format.js';
export { CHECK_CHARACTER_MODES } from './card-id/check-character.js';
export type { CheckCharacterMode } from './card-id/check-character.js';
export { CODE39_CHARSET, code39CheckCharacter } from './card-id/code39.js';
export { normalizeReading } from './card-id/normalize-reading.js';
export type { NormalizedReading } from './card-id/normalize-reading.js';
export { couldBecomeCardId, describePrefix, looksLikeCardId } from './card-id/looks-like-card-id.js';
export {
  LOCALES,
  createReason,
  formatMessage,
  isMessageCode,
  localize,
  messageTables,
  messages,
  renderMessage,
} from './messages/index.js';
export { defineMessages } from './messages/define.js';
export type { LocalizedMessage, MessageParams } from './messages/define.js';
export type {
  EmptyParams,
  Locale,
  LocalizedText,
  MessageCode,
  ParamsOf,
  Reason,
  RenderedReason,
} from './messages/index.js';
export { cardIdMessages } from './messages/card-id.js';
export type { CardIdErrorCode } from './messages/card-id.js';
export { rulesMessages } from './messages/rules.js';
export type { GroupMemberCause, RulesMessageCode } from './messages/rules.js';
export { readProblemReasons, readServerReason } from './messages/server-reason.js';
export type { ServerReason, ServerReasonCode, WireReason } from './messages/server-reason.js';
export { decideUsage } from './rules/decide-usage.js';
export { checkShowSettings, toApiShow, toUsageEvent } from './rules/show-event.js';
export { INPUT_PROBLEMS, suggestField, toFieldIssues, unknownFields } from './schemas/field-issues.js';
export type { FieldIssue, InputProblem } from './schemas/field-issues.js';
export { fieldIssueToReason } from './rules/input-issues.js';
export type { ShowState } from './rules/show-event.js';
export type {
  DecideUsageInput,
  UsageAllowed,
  UsageDecision,
  UsageReason,
  UsageRefusalCode,
  UsageRefused,
  UsageTickets,
} from './rules/usage-types.js';
export { checkCapSetting } from './rules/check-cap-setting.js';
export type { CapSettingInput, CapSettingResult } from './rules/check-cap-setting.js';
export { CAP_RULE_IDS, applicableCapRules } from './rules/cap-rules.js';
export type { CapRule, CapRuleId } from './rules/cap-rules.js';
export { checkCap, ticketsAgainstCap } from './rules/cap-checks.js';
export type { RequestedTickets } from './rules/cap-checks.js';
export { checkWindow, resolveWindow } from './rules/window-checks.js';
export type { ResolvedWindow } from './rules/window-checks.js';
export { HELSINKI, formatHelsinki, fromHelsinki, helsinkiDate, toHelsinki } from './rules/helsinki-time.js';
export type { CalendarDuration, LocalDateTime } from './rules/helsinki-time.js';
export {
  DEFAULT_POLICY,
  POLICIES,
  POLICY_2019,
  POLICY_2020,
  POLICY_2025,
  POLICY_VERSIONS,
  getPolicy,
  resolvePolicy,
} from './policy/policies.js';
export type { PolicyVersion } from './policy/policies.js';
export { definePolicy } from './policy/operating-model-policy.js';
export type { CapPolicy, OperatingModelPolicy, UsagePolicy } from './policy/operating-model-policy.js';
export type { CalendarDurationInput, Instant, TimeWindow } from './schemas/instant.js';
export type { ShowConfig, UsageEvent, UsageEventInput } from './schemas/show-config.js';
export type {
  DecideUsageData,
  TicketRequestInput,
  UsageCard,
  UsageGroupInput,
} from './schemas/usage-input.js';
export type { CapSettingData } from './schemas/cap-setting-input.js';

// --- image decoding (camera frames, still images) ---
// The code and `decodeMessages` are in the `@kaiku-scanner/core/decode` subpath (src/input/decode/index.ts): a
// re-export here would make bundlers that split code load it with the main entry even when only the lazily imported
// camera uses it (the texts are also in `messageTables.decode`).
export type { DecodeErrorCode } from './input/decode/decode-error.js';
export type {
  DecodableImage,
  DecodeEffort,
  DecodeEngine,
  DecodeFormat,
  DecodeOptions,
  DecodeRegion,
  DecodeResult,
} from './input/decode/types.js';
export type { DecoderEngine, DecoderFallbackReason, DecoderStatus } from './input/decode/decoder-status.js';

// --- camera scanning (getUserMedia, decoding worker, acceptance) ---
// The code (`startCameraScan`, `CameraError`, `cameraMessages`) is in the `@kaiku-scanner/core/camera` subpath
// (src/input/camera/index.ts), imported on demand so that camera code stays out of the initial bundle (the texts are
// also in `messageTables.camera`).
export type { CameraErrorCode } from './input/camera/camera-error.js';
export type {
  CameraCapabilities,
  CameraFeedback,
  CameraInfo,
  CameraRejection,
  CameraScan,
  CameraScanHandle,
  CameraScanOptions,
  CameraScanStats,
  CameraStopReason,
  ZoomRange,
} from './input/camera/types.js';
export type { CameraMessageCode } from './messages/camera.js';

// --- Kaikukanta API: contract schemas, HTTP client, transport seam ---
// The contract's zod schemas, makeProblem and the OpenAPI document are in `@kaiku-scanner/core/contract`
// (src/contract.ts): servers and tools need them, a terminal's bundle does not.
export {
  API_PROBLEM_CODES,
  CARD_KINDS,
  CARD_PREFIXES,
  CARD_STATUSES,
  CHANNELS,
  SHOW_KINDS,
  USAGE_MODES,
} from './schemas/api.js';
export type {
  ApiProblemCode,
  BatchItem,
  BatchItemResult,
  BatchRequest,
  BatchResponse,
  CardKind,
  CardLookupRequest,
  CardPrefix,
  CardRecord,
  CardStatus,
  Channel,
  Group,
  Health,
  Problem,
  ProblemReason,
  Show,
  ShowKind,
  ShowTally,
  Tickets,
  UsageList,
  UsageListQuery,
  UsageMode,
  UsageRecord,
  UsageRequest,
  UsageResult,
} from './schemas/api.js';
export { createApiClient } from './api/create-api-client.js';
export type {
  ApiClient,
  ApiClientOptions,
  CallOptions,
  RegisteredUsage,
  UsageCallOptions,
} from './api/create-api-client.js';
export { createHttpTransport } from './api/http-transport.js';
export type { HttpTransportOptions } from './api/http-transport.js';
export type { ApiOperation, Transport, TransportRequest } from './api/transport.js';
export type { TokenRequest } from './api/send-request.js';
export type { RetryOptions } from './api/retry-policy.js';
export { parseRetryAfter } from './api/retry-policy.js';
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
// The base error class and its cross-realm guard (API errors subclass it).
export { KaikuError, isKaikuError } from './errors/kaiku-error.js';
export type { KaikuErrorOptions } from './errors/kaiku-error.js';
// Option bags are checked by name (`unknown-field`); hosts and the sandbox check theirs the same way.
export { OptionsError, checkOptions } from './errors/options-error.js';
export type { OptionKeys } from './errors/options-error.js';
export { apiMessages, apiMessageCode } from './messages/api.js';
export type { ApiMessageCode } from './messages/api.js';

// --- offline outbox (IndexedDB, exactly-once sync) ---
export {
  DEFAULT_BACKOFF,
  OFFLINE_POLICIES,
  Outbox,
  OutboxError,
  OutboxEvent,
  OutboxEventTarget,
  RECORD_STATES,
  RESOLUTIONS,
  createOutbox,
  createStrictStore,
  isAuthFailure,
  newIdempotencyKey,
  outboxScope,
  outboxTransport,
  scopeDatabaseName,
  toUsageReportCsv,
} from './outbox/index.js';
export type {
  Acceptance,
  BackoffPolicy,
  BatchClient,
  BatchEntry,
  CachedCard,
  CardCheck,
  CardFacts,
  CsvOptions,
  ItemOutcome,
  LocalTally,
  OfflinePolicy,
  OutboxCapabilities,
  OutboxClient,
  OutboxCounts,
  OutboxEventDetails,
  OutboxEventType,
  OutboxOptions,
  OutboxRecord,
  OutboxScope,
  OutboxTarget,
  OutboxTransport,
  OutboxUsage,
  RecordState,
  RefusalReason,
  RecordTarget,
  Resolution,
  ServerTally,
  StrictStoreOptions,
  SyncSummary,
  TargetCounts,
} from './outbox/index.js';
export { outboxMessages } from './messages/outbox.js';
export type { OutboxMessageCode } from './messages/outbox.js';

// --- keyboard-wedge readers ---
// With calibration bundled: an import() here would keep the classifier in the first download of every page
// (even `parseCardId` alone). `@kaiku-scanner/core/wedge` exports the listener that loads calibration on demand.
export { createWedgeListener } from './input/wedge/create-wedge-listener-eager.js';
export type {
  WedgeCalibrateOptions,
  WedgeListener,
  WedgeListenerOptions,
} from './input/wedge/create-wedge-listener.js';
export { classifyWedgeStream } from './input/wedge/classify-wedge.js';
export { calibrateWedge } from './input/wedge/calibrate-wedge.js';
export type { CalibrationOptions, CalibrationResult } from './input/wedge/calibrate-wedge.js';
export { WEDGE_DEFAULTS } from './input/wedge/wedge-options.js';
export { WEDGE_LAYOUTS } from './input/wedge/layouts.js';
export type { WedgeLayout, WedgeLayoutName } from './input/wedge/layouts.js';
export type {
  WedgeClassifierOptions,
  WedgeEffect,
  WedgeFailure,
  WedgeKeyRecord,
  WedgeProfile,
  WedgeRecord,
  WedgeScan,
  WedgeTerminator,
  WedgeTextRecord,
  WedgeIdleRecord,
} from './input/wedge/types.js';
export { wedgeMessages } from './messages/wedge.js';
export type { WedgeErrorCode } from './messages/wedge.js';
export { wedgeListenerMessages } from './messages/wedge-listener.js';
export type { WedgeListenerCode } from './messages/wedge-listener.js';
export { wedgeCalibrationMessages } from './messages/wedge-calibration.js';
export type { WedgeCalibrationCode } from './messages/wedge-calibration.js';
