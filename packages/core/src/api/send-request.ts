import type * as z from 'zod/mini';
import { ApiAbortError, ApiNetworkError, ApiTimeoutError, KaikuApiError } from './api-errors.js';
import { ApiHttpError, ApiProblemError } from './api-errors.js';
import { readResponse } from './read-response.js';
import { backoffDelay } from './retry-policy.js';
import type { ResolvedRetry } from './retry-policy.js';
import type { Transport, TransportRequest } from './transport.js';

/** What the client tells the token provider: `refresh` after the server answered 401 to the last token. */
export type TokenRequest = { readonly refresh: boolean };

/** What the client decides per call; the token and the signal are added per attempt. */
export type PlannedRequest = Omit<TransportRequest, 'signal' | 'attempt' | 'headers'> & {
  readonly headers: Readonly<Record<string, string>>;
  /** Keyed requests (an idempotency key per usage) may be retried safely. */
  readonly keyed: boolean;
};

export type SendContext = {
  readonly transport: Transport;
  readonly getToken: (request: TokenRequest) => string | Promise<string>;
  readonly timeoutMs: number;
  readonly retry: ResolvedRetry;
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly random: () => number;
};

const TIMEOUT = Symbol('timeout');

/** Sleeps `ms`, rejecting early with the signal's reason when it aborts. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function token(ctx: SendContext, refresh: boolean): Promise<string> {
  try {
    const value = await ctx.getToken({ refresh });
    if (typeof value === 'string' && value.length > 0) return value;
  } catch (cause) {
    // The host's token provider failed; its error may contain secrets, so only its name is kept.
    throw new KaikuApiError('http-401', 'No API token: the token provider failed.', {
      params: { reason: cause instanceof Error ? cause.name : 'error' },
    });
  }
  throw new KaikuApiError('http-401', 'No API token: the token provider returned nothing.');
}

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts: a token provider,
 * a transport or a body stream that ignores the signal can never hold an attempt past its timeout.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  promise.catch(() => undefined); // a late failure after the abort must not go unhandled
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** One attempt: token, per-attempt timeout (covering the token, the transport and the body), validation. */
async function attemptOnce<S extends z.ZodMiniType>(
  ctx: SendContext,
  plan: PlannedRequest,
  schema: S,
  attempt: number,
  outer: AbortSignal | undefined,
  refreshToken: boolean,
): Promise<{ data: z.infer<S>; response: Response }> {
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) throw new ApiAbortError({ cause: outer.reason });
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => controller.abort(TIMEOUT), ctx.timeoutMs);
  try {
    return await untilAborted(
      (async () => {
        const authorization = `Bearer ${await token(ctx, refreshToken)}`;
        const { keyed: _keyed, ...rest } = plan;
        const request: TransportRequest = {
          ...rest,
          headers: { ...plan.headers, authorization },
          signal: controller.signal,
          attempt,
        };
        const response = await ctx.transport(request);
        return { data: await readResponse(response, schema, ctx.now()), response };
      })(),
      controller.signal,
    );
  } catch (cause) {
    throw classifyFailure(cause, controller.signal, ctx.timeoutMs, plan.params.cardId);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

function classifyFailure(
  cause: unknown,
  signal: AbortSignal,
  timeoutMs: number,
  cardId: string | undefined,
): KaikuApiError {
  if (signal.aborted) {
    return signal.reason === TIMEOUT
      ? new ApiTimeoutError(timeoutMs)
      : new ApiAbortError({ cause: signal.reason });
  }
  if (cause instanceof KaikuApiError) return cause;
  // A transport's message may quote the URL, and a lookup's URL holds the card ID: it is cut out.
  const message = cause instanceof Error ? cause.message : undefined;
  const safe = message !== undefined && cardId ? message.split(cardId).join('[card]') : message;
  return new ApiNetworkError({ cause: safe !== undefined ? new Error(safe) : undefined });
}

/** The longest `Retry-After` a read without a key waits for before it is repeated (longer: the error is thrown). */
const UNKEYED_READ_RETRY_AFTER_MS = 5_000;

function shouldRetry(error: KaikuApiError): boolean {
  if (!error.retryable || error instanceof ApiAbortError) return false;
  // A 2xx that is not the contract's JSON will not improve on an immediate retry.
  return !['content-type', 'malformed-json', 'schema'].includes(error.code);
}

/**
 * Sends a planned request with timeouts and, for keyed requests, retries with exponential backoff and
 * full jitter, honouring `Retry-After` (seconds or HTTP-date). A GET is repeated only when the server
 * asks for it (429/503 with a `Retry-After` of at most 5 s), up to the same retry limit. A 401 from the server, or a
 * token provider that failed or returned nothing, is retried once, whatever the request, with a token
 * asked for with `{ refresh: true }`.
 */
export async function sendRequest<S extends z.ZodMiniType>(
  ctx: SendContext,
  plan: PlannedRequest,
  schema: S,
  signal: AbortSignal | undefined,
): Promise<{ data: z.infer<S>; response: Response }> {
  let maxAttempts = plan.keyed ? ctx.retry.limit + 1 : 1;
  let refreshed = false;
  let refreshNext = false;
  for (let attempt = 1; ; attempt++) {
    const refresh = refreshNext;
    refreshNext = false;
    try {
      return await attemptOnce(ctx, plan, schema, attempt, signal, refresh);
    } catch (error) {
      // The server refused the token, or the provider had none (nothing was processed either way):
      // ask the host once for a fresh one.
      if (error instanceof KaikuApiError && error.code === 'http-401' && !refreshed) {
        refreshed = true;
        refreshNext = true;
        maxAttempts++;
        continue;
      }
      if (!(error instanceof KaikuApiError)) throw error;
      const retryAfter =
        error instanceof ApiHttpError || error instanceof ApiProblemError ? error.retryAfterMs : undefined;
      // A read the server asked to repeat shortly (429/503 with Retry-After) is repeated even without a key: a GET
      // changes nothing. Other failures of a read are not retried here, so an offline look-up fails fast.
      if (
        !plan.keyed &&
        plan.method === 'GET' &&
        retryAfter !== undefined &&
        retryAfter <= UNKEYED_READ_RETRY_AFTER_MS &&
        attempt === maxAttempts &&
        attempt <= ctx.retry.limit &&
        shouldRetry(error)
      )
        maxAttempts++;
      if (attempt >= maxAttempts || !shouldRetry(error)) throw error;
      if (retryAfter !== undefined && retryAfter > ctx.retry.maxRetryAfterMs) throw error;
      const delay = retryAfter ?? backoffDelay(attempt, ctx.retry, ctx.random);
      try {
        await ctx.sleep(delay, signal);
      } catch (cause) {
        throw new ApiAbortError({ cause });
      }
    }
  }
}
