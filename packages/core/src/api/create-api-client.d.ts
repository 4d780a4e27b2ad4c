import type { BatchItem, BatchResponse, CardRecord, Health, ShowTally, UsageList, UsageListQuery, UsageRecord, UsageRequest, UsageResult } from '../schemas/api.js';
import type { RetryOptions } from './retry-policy.js';
import type { TokenRequest } from './send-request.js';
import type { Transport } from './transport.js';
export type ApiClientOptions = {
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
    /** Retry policy for keyed requests (a number = the retry limit). Default 3 retries. */
    readonly retry?: RetryOptions | number;
    /** Replaces the HTTP transport (see `Transport`); `baseUrl` and `fetch` are then up to it. */
    readonly transport?: Transport;
};
export type CallOptions = {
    readonly signal?: AbortSignal;
};
export type UsageCallOptions = CallOptions & {
    readonly idempotencyKey: string;
};
/** A registered usage; `replayed` = this key was registered before and this is its first result. */
export type RegisteredUsage = UsageResult & {
    readonly replayed: boolean;
};
export type ApiClient = {
    lookupCard(cardId: string, options?: CallOptions): Promise<CardRecord>;
    registerUsage(usage: UsageRequest, options: UsageCallOptions): Promise<RegisteredUsage>;
    registerBatch(items: readonly BatchItem[], options?: CallOptions): Promise<BatchResponse>;
    getShowTally(showId: string, options?: CallOptions): Promise<ShowTally>;
    listUsages(query: UsageListQuery, options?: CallOptions): Promise<UsageList>;
    /** Every page of `listUsages`, following `nextCursor`. */
    iterateUsages(query: UsageListQuery, options?: CallOptions): AsyncGenerator<UsageRecord, void, undefined>;
    health(options?: CallOptions): Promise<Health>;
};
/**
 * Creates the Kaikukanta API client. Requests are validated before sending (an invalid one throws
 * `invalid-request` and sends nothing); responses are validated by the contract's schemas.
 *
 * @example
 * const api = createApiClient({ baseUrl: 'http://localhost:8787/', getToken: () => session.token });
 * const card = await api.lookupCard('A045198723');
 * const result = await api.registerUsage(usage, { idempotencyKey: crypto.randomUUID() });
 */
export declare function createApiClient(options: ApiClientOptions): ApiClient;
