import type { z } from 'zod';
import type { ResolvedRetry } from './retry-policy.js';
import type { Transport, TransportRequest } from './transport.js';
/** What the client tells the token provider: `refresh` after the server answered 401 to the last token. */
export type TokenRequest = {
    readonly refresh: boolean;
};
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
/** Sleeps `ms`, rejecting early with the signal's reason when it aborts. */
export declare function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
/**
 * Sends a planned request with timeouts and, for keyed requests only, retries with exponential
 * backoff and full jitter, honouring `Retry-After` (seconds or HTTP-date). A 401 from the server is
 * retried once, whatever the request, with a token asked for with `{ refresh: true }`.
 */
export declare function sendRequest<S extends z.ZodType>(ctx: SendContext, plan: PlannedRequest, schema: S, signal: AbortSignal | undefined): Promise<{
    data: z.infer<S>;
    response: Response;
}>;
