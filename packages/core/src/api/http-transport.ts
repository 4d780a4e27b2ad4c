import { checkBaseUrl } from './base-url.js';
import type { BaseUrlOptions } from './base-url.js';
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
 * The default transport: one `fetch` per attempt, nothing more.
 *
 * Why not ky (which this used to wrap, with `retry: 0` and `timeout: false`): retries, timeouts, the token
 * refresh and the response checks must work for every `Transport`, also a vendor's own, so they live in
 * the client (`send-request.ts`, `next-attempt.ts`); ky's retry and hooks could only serve this one
 * transport and its timeout does not cover the token or the body. What was left for ky — joining a
 * base URL and a path, a JSON body — is a few lines of `fetch`, so the dependency went.
 *
 * The request is sent without cookies (`credentials: 'omit'`), past every cache, and a redirect is an
 * error: a captive portal's 302 must never receive a usage or a card ID.
 *
 * @throws KaikuApiError `insecure-base-url` for a plain `http:` URL that is not loopback (unless
 * `allowInsecureHttp`), `invalid-base-url` for anything that is not an absolute http(s) URL.
 *
 * @example
 * const transport = createHttpTransport({ baseUrl: 'http://localhost:8787/' });
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  checkOptions('createHttpTransport', options, TRANSPORT_OPTIONS);
  const base = checkBaseUrl(options.baseUrl, options);
  // Looked up per call, not captured: test tools and instrumentation replace the global fetch later.
  const send =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  return (request) => {
    const url = new URL(request.path, base);
    for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
    return send(url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      ...(request.method === 'POST' ? { body: JSON.stringify(request.body) } : {}),
    });
  };
}
