import type { Transport } from './transport.js';
export type HttpTransportOptions = {
    /** Base URL of the API, e.g. `https://kaikukanta.example/api/`. A trailing slash is added if missing. */
    readonly baseUrl: string;
    /** A `fetch` to use instead of the global one (tests, instrumented fetch). */
    readonly fetch?: typeof fetch;
};
/**
 * The default transport: plain HTTP through ky. Retries and timeouts are the client's job (they work
 * for every transport), so ky runs here with `retry: 0`, `timeout: false` and `throwHttpErrors: false`;
 * the latter also keeps request headers (the token) out of any error object.
 *
 * @example
 * const transport = createHttpTransport({ baseUrl: 'http://localhost:8787/' });
 */
export declare function createHttpTransport(options: HttpTransportOptions): Transport;
