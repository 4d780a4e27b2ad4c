import { KaikuError, type KaikuErrorOptions } from '../errors/kaiku-error.js';
import type { Problem } from '../schemas/api-responses.js';
import { apiMessageCode, apiMessages } from '../messages/api.js';
import { type CheckedReason, problemReasons } from './problem-details.js';

/**
 * Stable codes of the API client's errors. HTTP statuses without a usable problem body become
 * `http-<status>` (e.g. `http-401`, `http-503`).
 */
export const API_ERROR_CODES = {
  network: 'network',
  timeout: 'timeout',
  aborted: 'aborted',
  malformedJson: 'malformed-json',
  contentType: 'content-type',
  truncated: 'truncated',
  schema: 'schema',
  usageIdInvalid: 'usage-id-invalid',
  problem: 'problem',
  invalidRequest: 'invalid-request',
  responseTooLarge: 'response-too-large',
  listTooLong: 'list-too-long',
  invalidBaseUrl: 'invalid-base-url',
  insecureBaseUrl: 'insecure-base-url',
} as const;
/**
 * The stable code of a `KaikuApiError`: one of `API_ERROR_CODES`, or `http-<status>` for an error status without
 * a problem body (`localize` reads any 5xx as `http-5xx`).
 */
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES] | `http-${number}`;

/** Options of the API errors' constructors: the `KaikuError` options plus `retryable` and `status`. */
export type ApiErrorOptions = KaikuErrorOptions & {
  /** True when the same request may succeed later (network, timeout, 5xx, 429, bad response). */
  readonly retryable?: boolean;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
};

/**
 * Base class of every API client error. `retryable` tells an outbox whether to keep the usage and
 * try again (true) or to stop because the server refused it definitively (false).
 */
export class KaikuApiError extends KaikuError {
  /** True when the same request may succeed later: keep the usage and try again. */
  readonly retryable: boolean;
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;
  constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(code, message, options);
    this.name = 'KaikuApiError';
    this.retryable = options.retryable ?? false;
    this.status = options.status;
  }
}

/** The request never got a response: offline, DNS, connection refused or reset, CORS refusal. */
export class ApiNetworkError extends KaikuApiError {
  constructor(options: ApiErrorOptions = {}) {
    super('network', 'Network error: the Kaikukanta API could not be reached.', {
      retryable: true,
      ...options,
    });
    this.name = 'ApiNetworkError';
  }
}

/** No complete response within `timeoutMs` (per attempt). */
export class ApiTimeoutError extends KaikuApiError {
  constructor(timeoutMs: number, options: ApiErrorOptions = {}) {
    super('timeout', `No response from the Kaikukanta API within ${timeoutMs} ms.`, {
      retryable: true,
      ...options,
      params: { timeoutMs },
    });
    this.name = 'ApiTimeoutError';
  }
}

/** The caller's AbortSignal fired. The request may or may not have reached the server. */
export class ApiAbortError extends KaikuApiError {
  constructor(options: ApiErrorOptions = {}) {
    super('aborted', 'The request was cancelled.', { retryable: true, ...options });
    this.name = 'ApiAbortError';
  }
}

/** Keeps a server's problem document on an error without letting it into `JSON.stringify` or spreads. */
function hideProblem(error: object, problem: Problem | undefined): void {
  Object.defineProperty(error, 'problem', { value: problem, enumerable: false, writable: false });
}

/** An HTTP error status without a valid problem body (or 401/403/429/5xx, whatever the body). */
export class ApiHttpError extends KaikuApiError {
  /** The problem document as `readProblem` kept it (codes and checked values only), when one was sent. */
  declare readonly problem: Problem | undefined;
  /** Milliseconds the server asked to wait (`Retry-After`), when given. */
  readonly retryAfterMs: number | undefined;
  constructor(
    status: number,
    options: ApiErrorOptions & { problem?: Problem; retryAfterMs?: number; intermediary?: boolean } = {},
  ) {
    const { problem, retryAfterMs, intermediary = problem === undefined, ...rest } = options;
    super(`http-${status}`, `The Kaikukanta API answered HTTP ${status}.`, {
      retryable: isRetryableStatus(status),
      ...rest,
      status,
      // Not JSON at all: a proxy, firewall or load balancer likely answered, not Kaikukanta (its errors are JSON).
      params: {
        status,
        ...(problem ? { problemCode: problem.code } : {}),
        ...(intermediary && !problem ? { answeredBy: 'intermediary' } : {}),
      },
    });
    this.name = 'ApiHttpError';
    hideProblem(this, problem);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The server refused with a problem+json body. `problemCode` is the server's stable code: a rules
 * refusal code (e.g. `cap-reached`) or one of `API_PROBLEM_CODES`.
 *
 * Nothing of the server's text reaches `message`, `stack` or `JSON.stringify(error)`: the message comes
 * from the SDK's own table, `reasons` and `params` hold codes and checked parameters only (numbers,
 * booleans, dates, codes — see `checkedParams`), and the non-enumerable `problem` keeps no free text either
 * (see `readProblem`).
 */
export class ApiProblemError extends KaikuApiError {
  /** The problem document as `readProblem` kept it: codes, checked parameters and field paths (not enumerable). */
  declare readonly problem: Problem;
  /** The server's stable code. */
  readonly problemCode: string;
  /** Every reason of a refusal, with checked parameters (see `checkedParams`); empty when none was given. */
  readonly reasons: readonly CheckedReason[];
  /** `Retry-After` of the response (e.g. on 409 in progress), when given. */
  readonly retryAfterMs: number | undefined;
  constructor(problem: Problem, options: ApiErrorOptions & { retryAfterMs?: number } = {}) {
    const { retryAfterMs, ...rest } = options;
    const reasons = problemReasons(problem);
    // The reason matching the code gives the message its parameters (a cap, a date, a member's position).
    const main = reasons.find((r) => r.code === problem.code)?.params ?? {};
    const known = apiMessageCode(problem.code);
    super(
      'problem',
      known ? apiMessages[known].en({}) : apiMessages.problem.en({ problemCode: problem.code }),
      {
        retryable: problem.code === 'idempotency-key-in-progress' || isRetryableStatus(problem.status),
        ...rest,
        status: problem.status,
        params: { ...main, status: problem.status, problemCode: problem.code },
      },
    );
    this.name = 'ApiProblemError';
    hideProblem(this, problem);
    this.problemCode = problem.code;
    this.reasons = reasons;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The codes of `ApiResponseError`: a response that arrived but cannot be trusted. */
export type ResponseErrorCode =
  | 'malformed-json'
  | 'content-type'
  | 'truncated'
  | 'schema'
  | 'usage-id-invalid'
  | 'response-too-large'
  | 'list-too-long';

/** A response arrived but cannot be trusted: not JSON, HTML from a proxy, cut short, or not the contract's shape. */
export class ApiResponseError extends KaikuApiError {
  /** Paths and zod issue codes of a schema mismatch (never values: they may hold card IDs). */
  readonly issues: readonly { path: string; code: string }[];
  constructor(
    code: ResponseErrorCode,
    message: string,
    options: ApiErrorOptions & { issues?: readonly { path: string; code: string }[] } = {},
  ) {
    super(code, message, { retryable: true, ...options });
    this.name = 'ApiResponseError';
    this.issues = options.issues ?? [];
  }
}

/** The SDK refused to send a request that does not match the contract (nothing was sent). */
export class ApiRequestError extends KaikuApiError {
  /** Paths and zod issue codes of what breaks the contract (never values). */
  readonly issues: readonly { path: string; code: string }[];
  constructor(issues: readonly { path: string; code: string }[], options: ApiErrorOptions = {}) {
    super('invalid-request', 'The request does not match the Kaikukanta contract; nothing was sent.', {
      ...options,
      retryable: false,
      params: { fields: issues.map((i) => i.path).join(', ') },
    });
    this.name = 'ApiRequestError';
    this.issues = issues;
  }
}

/** Statuses after which the same request may succeed (and a keyed request is retried). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status !== 501);
}
