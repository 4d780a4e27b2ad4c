/**
 * @kaiku-scanner/core — the headless Kaikukortti client.
 *
 * One entry with an explicit export list: every public name is chosen here.
 * Each area keeps its own block below.
 */

// --- card IDs, rules, policy, schemas, messages (pure domain) ---
export { parseCardId } from './card-id/parse-card-id.js';

// --- Kaikukanta API: contract schemas, HTTP client, transport seam ---
export {
  API_PROBLEM_CODES,
  BATCH_MAX_ITEMS,
  BatchItemResultSchema,
  BatchItemSchema,
  BatchRequestSchema,
  BatchResponseSchema,
  CARD_KINDS,
  CARD_PREFIXES,
  CARD_STATUSES,
  CHANNELS,
  CardIdSchema,
  CardRecordSchema,
  GroupSchema,
  HealthSchema,
  IdempotencyKeySchema,
  PROBLEM_TYPE_BASE,
  ProblemSchema,
  SHOW_KINDS,
  ShowSchema,
  ShowTallySchema,
  TicketsSchema,
  USAGE_MODES,
  UsageListQuerySchema,
  UsageListSchema,
  UsageRecordSchema,
  UsageRequestSchema,
  UsageResultSchema,
  makeProblem,
} from './schemas/api.js';
export type {
  ApiProblemCode,
  BatchItem,
  BatchItemResult,
  BatchRequest,
  BatchResponse,
  CardKind,
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
  isRetryableStatus,
} from './api/api-errors.js';
export type { ApiErrorCode } from './api/api-errors.js';
export { apiMessages, apiMessageCode } from './messages/api.js';
export type { ApiMessageCode } from './messages/api.js';
