import type * as z from 'zod/mini';
import {
  type BatchItem,
  BatchRequestSchema,
  type BatchResponse,
  BatchResponseSchema,
  type CardLookup,
  CardLookupRequestSchema,
  CardLookupSchema,
  type Health,
  HealthSchema,
  IdempotencyKeySchema,
  makeProblem,
  type ShowTally,
  type ShowList,
  ShowListQuerySchema,
  ShowListSchema,
  type ShowListQuery,
  ShowTallySchema,
  type UsageList,
  type UsageListQuery,
  UsageListQuerySchema,
  UsageListSchema,
  type UsageRecord,
  type UsageRequest,
  UsageRequestSchema,
  type UsageResult,
  UsageResultSchema,
  type VoidResult,
  VoidResultSchema,
} from '../schemas/api.js';
import { ApiRequestError, ApiResponseError } from './api-errors.js';
import { createHttpTransport } from './http-transport.js';
import { resolveRetry, type RetryOptions } from './retry-policy.js';
import { type PlannedRequest, type SendContext, sendRequest, type TokenRequest } from './send-request.js';
import { DEFAULT_MAX_RESPONSE_BYTES, matchBatchResults, summarizeIssues } from './read-response.js';
import type { BaseUrlOptions } from './base-url.js';
import { readProblem } from './problem-details.js';
import type { ApiOperation, Transport } from './transport.js';
import { checkOptions, optionKeys } from '../errors/options-error.js';
import { isKaikuError } from '../errors/kaiku-error.js';
import { isUsageId } from '../schemas/api-responses.js';

/** Options of `createApiClient`; an unknown option throws `OptionsError` (`unknown-field`). */
export type ApiClientOptions = BaseUrlOptions & {
  /** Base URL of the Kaikukanta API (or the sandbox), e.g. `http://localhost:8787/`. */
  readonly baseUrl: string;
  /**
   * Returns the bearer token, called before every attempt; `{ refresh: true }` after the server
   * answered 401 (one retry follows). The SDK keeps the token in no storage and never logs it.
   */
  readonly getToken: (request: TokenRequest) => string | Promise<string>;
  /** A `fetch` for the default HTTP transport. */
  readonly fetch?: typeof fetch;
  /** Per-attempt timeout. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /**
   * The most bytes one response body may have, counted as it streams in; a longer one is cancelled and
   * refused with `response-too-large`. Default 4 MiB (a page of 1 000 usages is well under 1 MiB).
   */
  readonly maxResponseBytes?: number;
  /** Bounds of one `iterateUsages` walk (pages, bytes, time); see `ListLimits`. */
  readonly listLimits?: ListLimits;
  /** Retry policy for keyed requests (a number = the retry limit). Default 3 retries. */
  readonly retry?: RetryOptions | number;
  /** Replaces the HTTP transport (see `Transport`); `baseUrl` and `fetch` are then up to it. */
  readonly transport?: Transport;
};

/**
 * Bounds of one `iterateUsages` walk (a server whose pages never end, or repeat): past one it rejects with
 * `list-too-long` (`params.limit`: `pages`, `bytes` or `time`; `params.max`).
 */
export type ListLimits = {
  /** Pages. Default 1 000. */
  readonly maxPages?: number;
  /** Response bytes over all pages. Default 64 MiB. */
  readonly maxBytes?: number;
  /** Milliseconds, checked before each page (a page has its own `timeoutMs`). Default 10 min. */
  readonly maxMs?: number;
};

/** Per-call options: an `AbortSignal` that cancels the call (it then rejects with `ApiAbortError`, `aborted`). */
export type CallOptions = { readonly signal?: AbortSignal };
/** Options of `lookupCard`: with `forShow`, the answer carries the card's booking for that show (`booking`). */
export type LookupOptions = CallOptions & {
  readonly forShow?: { readonly venueId: string; readonly showId: string };
};
/**
 * Options of `registerUsage`: the usage's idempotency key (the same key registers a usage at most once), and
 * a `signal`.
 */
export type UsageCallOptions = CallOptions & { readonly idempotencyKey: string };

/** A registered usage; `replayed` = this key was registered before and this is its first result. */
export type RegisteredUsage = UsageResult & { readonly replayed: boolean };

/**
 * The Kaikukanta API client `createApiClient` returns. Every method validates the response against the contract
 * and rejects with a `KaikuApiError` subclass (`network`, `timeout`, `problem`, `http-<status>`, `schema`, …).
 *
 * @example
 * const card = await client.lookupCard('A045198723');
 * const usage = await client.registerUsage(request, { idempotencyKey: crypto.randomUUID() });
 */
export type ApiClient = {
  /** The base URL it was created with (an outbox binds its usages to it). */
  readonly baseUrl: string;
  lookupCard(cardId: string, options?: LookupOptions): Promise<CardLookup>;
  registerUsage(usage: UsageRequest, options: UsageCallOptions): Promise<RegisteredUsage>;
  registerBatch(items: readonly BatchItem[], options?: CallOptions): Promise<BatchResponse>;
  /**
   * Voids a usage by its `usageId` within the void window (docs/api.md, "Voiding a usage"). Idempotent, so it is
   * retried like a keyed request; a voided usage answers with its first `voidedAt`. Refusals: `void-window-closed`,
   * `usage-not-found`, `http-403` (another venue's usage).
   */
  voidUsage(usageId: string, options?: CallOptions): Promise<VoidResult>;
  getShowTally(showId: string, options?: CallOptions): Promise<ShowTally>;
  listUsages(query: UsageListQuery, options?: CallOptions): Promise<UsageList>;
  /** Every page of `listUsages`, following `nextCursor`, within the client's `listLimits`. */
  iterateUsages(query: UsageListQuery, options?: CallOptions): AsyncGenerator<UsageRecord, void, undefined>;
  /** A venue's performances in a date range (at most 31 days): the show IDs a file's rows resolve to. */
  listShows(query: ShowListQuery, options?: CallOptions): Promise<ShowList>;
  health(options?: CallOptions): Promise<Health>;
};

const CLIENT_OPTIONS = optionKeys<ApiClientOptions>()(
  'baseUrl getToken fetch timeoutMs maxResponseBytes listLimits retry transport allowInsecureHttp',
);
const RETRY_OPTIONS = optionKeys<RetryOptions>()('limit baseDelayMs maxDelayMs maxRetryAfterMs');
const LIST_LIMITS = optionKeys<ListLimits>()('maxPages maxBytes maxMs');
const USAGE_CALL_OPTIONS = optionKeys<UsageCallOptions>()('idempotencyKey signal');
const CALL_OPTIONS = optionKeys<CallOptions>()('signal');
const LOOKUP_OPTIONS = optionKeys<LookupOptions>()('signal forShow');

function checked<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiRequestError(summarizeIssues(parsed.error));
  return parsed.data as z.infer<S>;
}

const JSON_HEADERS = { accept: 'application/json, application/problem+json' };

/**
 * Creates the Kaikukanta API client. Requests are validated before sending (an invalid one throws
 * `invalid-request` and sends nothing); responses are validated by the contract's schemas.
 *
 * A plain `http:` base URL to another machine throws `insecure-base-url` here, at once (the token and
 * card IDs would travel in clear text); loopback is fine, and `allowInsecureHttp` is the documented
 * opt-in for an intranet without TLS.
 *
 * An option the client does not know (`baseURL`, `timeout`, `retries`, `retry.limt`) throws an `OptionsError`
 * (`unknown-field`, naming it and the option it probably meant); so does one in a call's options (the promise
 * rejects).
 *
 * @example
 * const api = createApiClient({ baseUrl: 'http://localhost:8787/', getToken: () => session.token });
 * const card = await api.lookupCard('A045198723');
 * const result = await api.registerUsage(usage, { idempotencyKey: crypto.randomUUID() });
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  checkOptions('createApiClient', options, CLIENT_OPTIONS);
  if (typeof options.retry === 'object')
    checkOptions('createApiClient', options.retry, RETRY_OPTIONS, 'retry.');
  checkOptions('createApiClient', options.listLimits, LIST_LIMITS, 'listLimits.');
  const limits = {
    pages: options.listLimits?.maxPages ?? 1_000,
    bytes: options.listLimits?.maxBytes ?? 64 * 1024 * 1024,
    time: options.listLimits?.maxMs ?? 10 * 60_000,
  };
  const ctx: SendContext = {
    transport:
      options.transport ??
      createHttpTransport({
        baseUrl: options.baseUrl,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      }),
    getToken: options.getToken,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxResponseBytes: Math.max(1, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
    retry: resolveRetry(options.retry),
  };

  /** A call's plan: a GET, or a POST of a JSON body; only `keyed` POSTs may be resent (see `PlannedRequest`). */
  const plan = (
    operation: ApiOperation,
    path: string,
    params: Record<string, string>,
    post?: { readonly body: unknown; readonly keyed: boolean; readonly headers?: Record<string, string> },
  ): PlannedRequest => ({
    operation,
    method: post ? 'POST' : 'GET',
    path,
    query: {},
    headers: post ? { ...JSON_HEADERS, 'content-type': 'application/json', ...post.headers } : JSON_HEADERS,
    body: post?.body,
    params,
    keyed: post?.keyed ?? false,
  });

  const listPage = async (query: UsageListQuery, callOptions: CallOptions, maxBytes?: number) => {
    checkOptions('listUsages', callOptions, CALL_OPTIONS);
    const q = checked(UsageListQuerySchema, query);
    const page: PlannedRequest = {
      ...plan('listUsages', `v1/venues/${encodeURIComponent(q.venueId)}/usages`, { venueId: q.venueId }),
      query: {
        from: q.from,
        to: q.to,
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        ...(q.limit !== undefined ? { limit: String(q.limit) } : {}),
      },
      ...(maxBytes !== undefined ? { maxBytes } : {}),
    };
    return sendRequest(ctx, page, UsageListSchema, callOptions.signal);
  };

  const client: ApiClient = {
    baseUrl: options.baseUrl,
    async lookupCard(cardId, callOptions = {}) {
      checkOptions('lookupCard', callOptions, LOOKUP_OPTIONS);
      // The ID goes in the body: a URL is seen by access logs, proxies and every script's resource timing.
      const { forShow } = callOptions;
      const body = checked(CardLookupRequestSchema, { cardId, ...(forShow ? { forShow } : {}) });
      const lookup = plan('lookupCard', 'v1/cards/lookup', { cardId: body.cardId }, { body, keyed: false });
      return (await sendRequest(ctx, lookup, CardLookupSchema, callOptions.signal)).data;
    },

    async registerUsage(usage, callOptions) {
      checkOptions('registerUsage', callOptions, USAGE_CALL_OPTIONS);
      const { idempotencyKey, signal } = callOptions;
      const key = checked(IdempotencyKeySchema, idempotencyKey);
      const body = checked(UsageRequestSchema, usage);
      const post = { body, keyed: true, headers: { 'idempotency-key': key } };
      const register = plan('registerUsage', 'v1/usages', { idempotencyKey: key }, post);
      const { data, response } = await sendRequest(ctx, register, UsageResultSchema, signal);
      return { ...data, replayed: response.headers.get('idempotent-replayed') === 'true' };
    },

    async registerBatch(items, callOptions = {}) {
      checkOptions('registerBatch', callOptions, CALL_OPTIONS);
      const body = checked(BatchRequestSchema, { items });
      // Every item carries its own key, so the whole batch is safe to resend (keyed).
      const batch = plan('registerBatch', 'v1/usages/batch', {}, { body, keyed: true });
      const { data, response } = await sendRequest(ctx, batch, BatchResponseSchema, callOptions.signal);
      const keys = body.items.map((item) => item.idempotencyKey);
      // Each refused item's problem as the client reads any problem; one with a code that is a sentence keeps its status.
      const unreadable = (status: number) => makeProblem(status, 'unreadable-problem', 'unreadable-problem');
      const results = data.results.map((r) =>
        r.ok ? r : { ...r, problem: readProblem(r.problem) ?? unreadable(r.problem.status) },
      );
      return { ...data, results: matchBatchResults(keys, results, response.status) };
    },

    async voidUsage(usageId, callOptions = {}) {
      checkOptions('voidUsage', callOptions, CALL_OPTIONS);
      const id = String(usageId);
      // Only an opaque handle goes into the URL: never a card ID (or other text) passed in its place.
      if (!isUsageId(id)) throw new ApiRequestError([{ path: 'usageId', code: 'invalid_format' }]);
      // Voiding a voided usage answers the same result: safe to resend (keyed), as a registration with its key.
      const path = `v1/usages/${encodeURIComponent(id)}/void`;
      const voiding = plan('voidUsage', path, { usageId: id }, { body: {}, keyed: true });
      return (await sendRequest(ctx, voiding, VoidResultSchema, callOptions.signal)).data;
    },

    async getShowTally(showId, callOptions = {}) {
      checkOptions('getShowTally', callOptions, CALL_OPTIONS);
      const id = String(showId);
      if (id.length === 0) throw new ApiRequestError([{ path: 'showId', code: 'too_small' }]);
      const tally = plan('getShowTally', `v1/shows/${encodeURIComponent(id)}/tally`, { showId: id });
      return (await sendRequest(ctx, tally, ShowTallySchema, callOptions.signal)).data;
    },

    async listUsages(query, callOptions = {}) {
      return (await listPage(query, callOptions)).data;
    },

    async *iterateUsages(query, callOptions = {}) {
      const started = Date.now();
      let cursor = query.cursor;
      let bytes = 0;
      const tooLong = (limit: keyof typeof limits) =>
        new ApiResponseError('list-too-long', `The usage list is longer than its ${limit} bound.`, {
          retryable: false,
          params: { limit, max: limits[limit] },
        });
      for (let pages = 0; pages === 0 || cursor; pages++) {
        if (pages >= limits.pages) throw tooLong('pages');
        if (Date.now() - started > limits.time) throw tooLong('time');
        const left = limits.bytes - bytes;
        const page = await listPage({ ...query, ...(cursor ? { cursor } : {}) }, callOptions, left).catch(
          (error: unknown) => {
            const cut = isKaikuError(error) && error.code === 'response-too-large';
            throw cut && left < ctx.maxResponseBytes ? tooLong('bytes') : error;
          },
        );
        bytes += page.bytes;
        yield* page.data.items;
        cursor = page.data.nextCursor ?? undefined;
      }
    },

    async listShows(query, callOptions = {}) {
      checkOptions('listShows', callOptions, CALL_OPTIONS);
      const q = checked(ShowListQuerySchema, query);
      const path = `v1/venues/${encodeURIComponent(q.venueId)}/shows`;
      const list: PlannedRequest = {
        ...plan('listShows', path, { venueId: q.venueId }),
        query: { from: q.from, to: q.to },
      };
      return (await sendRequest(ctx, list, ShowListSchema, callOptions.signal)).data;
    },

    async health(callOptions = {}) {
      checkOptions('health', callOptions, CALL_OPTIONS);
      const health = plan('health', 'v1/health', {});
      return (await sendRequest(ctx, health, HealthSchema, callOptions.signal)).data;
    },
  };
  return client;
}
