/** The client's operations, one per endpoint of the contract. */
export type ApiOperation =
  | 'lookupCard'
  | 'registerUsage'
  | 'registerBatch'
  | 'voidUsage'
  | 'getShowTally'
  | 'listUsages'
  | 'listShows'
  | 'health';

/** One request the API client asks a `Transport` to send (the body is already validated against the contract). */
export type TransportRequest = {
  readonly operation: ApiOperation;
  readonly method: 'GET' | 'POST';
  /** Path relative to the base URL, percent-encoded, without a leading slash (e.g. `v1/cards/A045198723`). */
  readonly path: string;
  /** Query parameters (already strings). */
  readonly query: Readonly<Record<string, string>>;
  /** `authorization`, `accept`, and `content-type` / `idempotency-key` where they apply. Never log them. */
  readonly headers: Readonly<Record<string, string>>;
  /** The contract's JSON body (an object), for POST. */
  readonly body: unknown;
  /** The operation's logical arguments (e.g. `{ cardId }`, `{ showId }`), for transports that map them. */
  readonly params: Readonly<Record<string, string>>;
  /** Aborts on timeout or when the caller cancels. A transport must pass it on. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
};

/**
 * The client's seam to a backend: sends one attempt and returns a `Response` shaped as docs/openapi.json. Resolve
 * whatever the status; reject only when no response arrived. Token, timeouts, retries and validation stay in the
 * client, so a vendor with another backend writes only the mapping:
 *
 * @example
 * const transport: Transport = async (req) => {
 *   if (req.operation === 'lookupCard') {
 *     const r = await fetch('https://pos.example/kaiku/card', { method: 'POST', body: JSON.stringify({ id: req.params.cardId }), signal: req.signal, headers: { authorization: req.headers.authorization } });
 *     const v = await r.json();
 *     return Response.json({ id: v.cardId, prefix: v.prefix, kind: v.type, status: v.state, validUntil: v.until, minors: v.kids });
 *   }
 *   return createHttpTransport({ baseUrl: 'https://pos.example/kaiku/' })(req);
 * };
 * const client = createApiClient({ baseUrl: 'https://pos.example/kaiku/', getToken, transport });
 */
export type Transport = (request: TransportRequest) => Promise<Response>;
