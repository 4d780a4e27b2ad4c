import ky from 'ky';
import { type BaseUrlOptions, checkBaseUrl } from './base-url.js';
import type { Transport } from './transport.js';
import { checkOptions, optionKeys } from '../errors/options-error.js';

/** Options of the default HTTP transport. */
export type HttpTransportOptions = BaseUrlOptions & {
  /** Base URL of the API, e.g. `https://kaikukanta.example/api/`. A trailing slash is added if missing. */
  readonly baseUrl: string;
  /** A `fetch` to use instead of the global one (tests, instrumented fetch). */
  readonly fetch?: typeof fetch;
};

const TRANSPORT_OPTIONS = optionKeys<HttpTransportOptions>()('baseUrl fetch allowInsecureHttp');

/**
 * The default transport: ky, as one plain HTTP exchange per attempt. Retries, timeouts, the token refresh and the
 * response checks live in the client, where every `Transport` gets them; `throwHttpErrors: false` keeps the
 * authorization header out of error objects. No cookies, no cache, and a redirect is an error (a captive portal's
 * 302 must never receive a card ID).
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
  const base = checkBaseUrl(options.baseUrl, options);
  const http = ky.create({
    prefixUrl: base.href,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'error',
    // Looked up per call, not captured: test tools and instrumentation replace the global fetch later.
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
  });
  return (request) =>
    http(request.path, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      ...(Object.keys(request.query).length > 0 ? { searchParams: request.query } : {}),
      // The client's own serialisation and content-type, not ky's `json`: the body sent is the body validated.
      ...(request.method === 'POST' ? { body: JSON.stringify(request.body) } : {}),
    });
}
