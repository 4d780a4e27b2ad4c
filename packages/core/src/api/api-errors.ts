import { KaikuError } from '../errors/kaiku-error.js';
import type { KaikuErrorOptions } from '../errors/kaiku-error.js';
import type { Problem } from '../schemas/api-problem.js';

/**
 * Stable codes of the API client's errors. HTTP statuses without a usable problem body become
 * `http-<status>` (e.g. `http-401`, `http-503`); see `httpErrorCode`.
 */
export const API_ERROR_CODES = {
  network: 'network',
  timeout: 'timeout',
  aborted: 'aborted',
  malformedJson: 'malformed-json',
  contentType: 'content-type',
  truncated: 'truncated',
  schema: 'schema',
  problem: 'problem',
  invalidRequest: 'invalid-request',
} as const;
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
export class KaikuApiError extends KaikuError {
  readonly retryable: boolean;
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

/** An HTTP error status without a valid problem body (or 401/403/429/5xx, whatever the body). */
export class ApiHttpError extends KaikuApiError {
  /** The problem body, when the server sent a valid one. */
  readonly problem: Problem | undefined;
  /** Seconds the server asked to wait (`Retry-After`), when given. */
  readonly retryAfterMs: number | undefined;
  constructor(status: number, options: ApiErrorOptions & { problem?: Problem; retryAfterMs?: number } = {}) {
    super(httpErrorCode(status), `The Kaikukanta API answered HTTP ${status}.`, {
      retryable: isRetryableStatus(status),
      ...options,
      status,
      params: { status, ...(options.problem ? { problemCode: options.problem.code } : {}) },
    });
    this.name = 'ApiHttpError';
    this.problem = options.problem;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The server refused with a problem+json body. `problemCode` is the server's stable code: a rules
 * refusal code (e.g. the cap) or one of `API_PROBLEM_CODES`.
 */
export class ApiProblemError extends KaikuApiError {
  readonly problem: Problem;
  readonly problemCode: string;
  /** `Retry-After` of the response (e.g. on 409 in progress), when given. */
  readonly retryAfterMs: number | undefined;
  constructor(problem: Problem, options: ApiErrorOptions & { retryAfterMs?: number } = {}) {
    super('problem', problem.detail ?? problem.title, {
      retryable: problem.code === 'idempotency-key-in-progress' || isRetryableStatus(problem.status),
      ...options,
      status: problem.status,
      params: { status: problem.status, problemCode: problem.code },
    });
    this.name = 'ApiProblemError';
    this.problem = problem;
    this.problemCode = problem.code;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export type ResponseErrorCode = 'malformed-json' | 'content-type' | 'truncated' | 'schema';

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

/** `http-<status>` for a status code. */
export function httpErrorCode(status: number): `http-${number}` {
  return `http-${status}`;
}

/** Statuses after which the same request may succeed (and a keyed request is retried). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status !== 501);
}
