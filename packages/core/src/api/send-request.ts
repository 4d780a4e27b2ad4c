import type * as z from 'zod/mini';
import { ApiAbortError, ApiNetworkError, ApiTimeoutError, KaikuApiError } from './api-errors.js';
import { readResponse } from './read-response.js';
import { type AttemptState, nextAttempt, type ResolvedRetry } from './retry-policy.js';
import type { Transport, TransportRequest } from './transport.js';

/** What the client tells the token provider: `refresh` after the server answered 401 to the last token. */
export type TokenRequest = { readonly refresh: boolean };

/** What the client decides per call; the token and the signal are added per attempt. */
export type PlannedRequest = Omit<TransportRequest, 'signal' | 'attempt'> & {
  /** An idempotency key per usage: may be resent after any transient failure (every other request is a read). */
  readonly keyed: boolean;
  /** A lower bound than `maxResponseBytes` for this request's body (what is left of a list's byte budget). */
  readonly maxBytes?: number;
};

export type SendContext = {
  readonly transport: Transport;
  readonly getToken: (request: TokenRequest) => string | Promise<string>;
  readonly timeoutMs: number;
  /** The most bytes a response body may have. */
  readonly maxResponseBytes: number;
  readonly retry: ResolvedRetry;
};

const TIMEOUT = Symbol('timeout');

/** Sleeps `ms`, rejecting early with `ApiAbortError` (the signal's reason as its cause) when the signal aborts. */
function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ApiAbortError({ cause: signal.reason }));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ApiAbortError({ cause: signal?.reason }));
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
 * Runs `task` with a signal aborted by `outer` or after `ms` (with `timeoutReason`), and rejects as soon as it
 * aborts: a task that ignores the signal can never hold past its deadline.
 */
export async function withDeadline<T>(
  task: (signal: AbortSignal) => Promise<T>,
  ms: number,
  timeoutReason: unknown,
  outer?: AbortSignal,
): Promise<T> {
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const signal = controller.signal;
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => controller.abort(timeoutReason), ms);
  try {
    const promise = task(signal);
    promise.catch(() => undefined); // a late failure after the abort must not go unhandled
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason as unknown);
      signal.addEventListener('abort', () => reject(signal.reason as unknown), { once: true });
    });
    return await Promise.race([aborted, promise]);
  } catch (error) {
    throw signal.aborted ? signal.reason : error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** One attempt: token, per-attempt timeout (covering the token, the transport and the body), validation. */
async function attemptOnce<S extends z.ZodMiniType>(
  ctx: SendContext,
  plan: PlannedRequest,
  schema: S,
  attempt: number,
  outer: AbortSignal | undefined,
  refreshToken: boolean,
): Promise<{ data: z.infer<S>; response: Response; bytes: number }> {
  const send = async (signal: AbortSignal) => {
    const authorization = `Bearer ${await token(ctx, refreshToken)}`;
    const { keyed: _keyed, maxBytes: _maxBytes, ...rest } = plan;
    const request: TransportRequest = {
      ...rest,
      headers: { ...plan.headers, authorization },
      signal,
      attempt,
    };
    const response = await ctx.transport(request);
    const maxBytes = Math.min(ctx.maxResponseBytes, plan.maxBytes ?? Infinity);
    return { ...(await readResponse(response, schema, Date.now(), maxBytes)), response };
  };
  try {
    return await withDeadline(send, ctx.timeoutMs, TIMEOUT, outer);
  } catch (cause) {
    throw classifyFailure(cause, outer, ctx.timeoutMs, plan.params.cardId);
  }
}

/** An attempt's failure as a typed error: the deadline's `TIMEOUT`, the caller's abort, or the transport's own. */
function classifyFailure(
  cause: unknown,
  outer: AbortSignal | undefined,
  timeoutMs: number,
  cardId: string | undefined,
): KaikuApiError {
  if (cause === TIMEOUT) return new ApiTimeoutError(timeoutMs);
  if (outer?.aborted && cause === outer.reason) return new ApiAbortError({ cause });
  if (cause instanceof KaikuApiError) return cause;
  // A transport's message may quote the URL, and a lookup's URL holds the card ID: it is cut out.
  const message = cause instanceof Error ? cause.message : undefined;
  const safe = message !== undefined && cardId ? message.split(cardId).join('[card]') : message;
  return new ApiNetworkError({ cause: safe !== undefined ? new Error(safe) : undefined });
}

/** Sends a planned request, attempt after attempt, until one succeeds or `nextAttempt` gives up. */
export async function sendRequest<S extends z.ZodMiniType>(
  ctx: SendContext,
  plan: PlannedRequest,
  schema: S,
  signal: AbortSignal | undefined,
): Promise<{ data: z.infer<S>; response: Response; bytes: number }> {
  let state: AttemptState = { retries: 0, refreshed: false };
  let refresh = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(ctx, plan, schema, attempt, signal, refresh);
    } catch (error) {
      const next = nextAttempt(error, state, { keyed: plan.keyed, retry: ctx.retry }, Math.random);
      if (next.kind === 'give-up') throw error;
      refresh = next.kind === 'refresh-token';
      state = refresh ? { ...state, refreshed: true } : { ...state, retries: state.retries + 1 };
      if (next.kind === 'retry') await abortableSleep(next.afterMs, signal);
    }
  }
}
