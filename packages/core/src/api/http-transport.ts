import { type BaseUrlOptions, checkBaseUrl } from './base-url.js';
import type { Transport } from './transport.js';
import { checkOptions, type OptionKeys } from '../errors/options-error.js';

/** Options of the default HTTP transport. */
export type HttpTransportOptions = BaseUrlOptions & {
  /** Base URL of the API, e.g. `https://kaikukanta.example/api/`. A trailing slash is added if missing. */
  readonly baseUrl: string;
  /** A `fetch` to use instead of the global one (tests, instrumented fetch). */
  readonly fetch?: typeof fetch;
};

const TRANSPORT_OPTIONS = {
  baseUrl: true,
  fetch: true,
  allowInsecureHttp: true,
} as const satisfies OptionKeys<HttpTransportOptions>;

/**
 * The default transport: one plain `fetch` per attempt. Retries (with backoff and `Retry-After`), the per-attempt
 * timeout, the token refresh after a 401 and the response checks must work for every `Transport` — a vendor's own
 * one too — so they live in the client (`send-request.ts`, `next-attempt.ts`), once, where they can be tested as a
 * pure decision; an HTTP error status is a `Response` like any other, so no error object here holds the request
 * (its authorization header). The client reads the body itself, bounded by `maxResponseBytes`.
 *
 * The request is sent without cookies (`credentials: 'omit'`), past every cache, and a redirect is an error: a
 * captive portal's 302 must never receive a usage or a card ID. Card IDs travel in bodies only, never in a URL.
 *
 * @throws KaikuApiError `insecure-base-url` for a plain `http:` URL that is not loopback (unless
 * `allowInsecureHttp`), `invalid-base-url` for anything that is not an absolute http(s) URL.
 * @throws OptionsError `unknown-field` for an option it does not know.
 *
 * @example
 * const transport = createHttpTransport({ baseUrl: 'http://localhost:8787/' });
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  checkOptions('createHttpTransport', options, TRANSPORT_OPTIONS);
  const base = checkBaseUrl(options.baseUrl, options).href;
  const custom = options.fetch;
  return (request) => {
    const url = new URL(base + request.path);
    if (Object.keys(request.query).length > 0) url.search = new URLSearchParams(request.query).toString();
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      // The client's own serialisation and content-type: the body sent is the body validated.
      ...(request.method === 'POST' ? { body: JSON.stringify(request.body) } : {}),
    };
    // Looked up per call, not captured: test tools and instrumentation replace the global fetch later.
    return custom ? custom(url, init) : globalThis.fetch(url, init);
  };
}
