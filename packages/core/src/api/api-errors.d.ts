import { KaikuError } from '../errors/kaiku-error.js';
import type { KaikuErrorOptions } from '../errors/kaiku-error.js';
import type { Problem } from '../schemas/api-problem.js';
/**
 * Stable codes of the API client's errors. HTTP statuses without a usable problem body become
 * `http-<status>` (e.g. `http-401`, `http-503`); see `httpErrorCode`.
 */
export declare const API_ERROR_CODES: {
    readonly network: "network";
    readonly timeout: "timeout";
    readonly aborted: "aborted";
    readonly malformedJson: "malformed-json";
    readonly contentType: "content-type";
    readonly truncated: "truncated";
    readonly schema: "schema";
    readonly problem: "problem";
    readonly invalidRequest: "invalid-request";
};
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES] | `http-${number}`;
export type ApiErrorOptions = KaikuErrorOptions & {
    /** True when the same request may succeed later (network, timeout, 5xx, 429, bad response). */
    readonly retryable?: boolean;
    /** HTTP status, when a response arrived. */
    readonly status?: number;
};
/**
 * Base class of every API client error. `retryable` tells an outbox whether to keep the usage and
 * try again (true) or to stop because the server refused it definitively (false).
 *
 * @example
 * catch (e) { if (e instanceof KaikuApiError && e.retryable) queue(usage); }
 */
export declare class KaikuApiError extends KaikuError {
    readonly retryable: boolean;
    readonly status: number | undefined;
    constructor(code: ApiErrorCode, message: string, options?: ApiErrorOptions);
}
/** The request never got a response: offline, DNS, connection refused or reset, CORS refusal. */
export declare class ApiNetworkError extends KaikuApiError {
    constructor(options?: ApiErrorOptions);
}
/** No complete response within `timeoutMs` (per attempt). */
export declare class ApiTimeoutError extends KaikuApiError {
    constructor(timeoutMs: number, options?: ApiErrorOptions);
}
/** The caller's AbortSignal fired. The request may or may not have reached the server. */
export declare class ApiAbortError extends KaikuApiError {
    constructor(options?: ApiErrorOptions);
}
/** An HTTP error status without a valid problem body (or 401/403/429/5xx, whatever the body). */
export declare class ApiHttpError extends KaikuApiError {
    /** The problem body, when the server sent a valid one. */
    readonly problem: Problem | undefined;
    /** Seconds the server asked to wait (`Retry-After`), when given. */
    readonly retryAfterMs: number | undefined;
    constructor(status: number, options?: ApiErrorOptions & {
        problem?: Problem;
        retryAfterMs?: number;
    });
}
/**
 * The server refused with a problem+json body. `problemCode` is the server's stable code: a rules
 * refusal code (e.g. the cap) or one of `API_PROBLEM_CODES`.
 */
export declare class ApiProblemError extends KaikuApiError {
    readonly problem: Problem;
    readonly problemCode: string;
    /** `Retry-After` of the response (e.g. on 409 in progress), when given. */
    readonly retryAfterMs: number | undefined;
    constructor(problem: Problem, options?: ApiErrorOptions & {
        retryAfterMs?: number;
    });
}
export type ResponseErrorCode = 'malformed-json' | 'content-type' | 'truncated' | 'schema';
/** A response arrived but cannot be trusted: not JSON, HTML from a proxy, cut short, or not the contract's shape. */
export declare class ApiResponseError extends KaikuApiError {
    /** Paths and zod issue codes of a schema mismatch (never values: they may hold card IDs). */
    readonly issues: readonly {
        path: string;
        code: string;
    }[];
    constructor(code: ResponseErrorCode, message: string, options?: ApiErrorOptions & {
        issues?: readonly {
            path: string;
            code: string;
        }[];
    });
}
/** The SDK refused to send a request that does not match the contract (nothing was sent). */
export declare class ApiRequestError extends KaikuApiError {
    readonly issues: readonly {
        path: string;
        code: string;
    }[];
    constructor(issues: readonly {
        path: string;
        code: string;
    }[], options?: ApiErrorOptions);
}
/** `http-<status>` for a status code. */
export declare function httpErrorCode(status: number): `http-${number}`;
/** Statuses after which the same request may succeed (and a keyed request is retried). */
export declare function isRetryableStatus(status: number): boolean;
