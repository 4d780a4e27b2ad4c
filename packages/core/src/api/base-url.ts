import { KaikuApiError } from './api-errors.js';

/** Transport-safety options of the API client and the HTTP transport. */
export type BaseUrlOptions = {
  /**
   * Accept a plain `http:` base URL that is not loopback (token and card IDs in clear text): only for an intranet
   * without TLS (the element shows staff a notice). Loopback never needs it.
   */
  readonly allowInsecureHttp?: boolean;
};

/** A host that never leaves the machine, as browsers count it for secure contexts. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * The base URL as a `URL` with a trailing slash; throws `invalid-base-url` (not absolute http(s), or with
 * credentials, query or fragment) or `insecure-base-url` (plain `http:` to another machine).
 *
 * @example
 * checkBaseUrl('https://kaikukanta.example/api').href; // 'https://kaikukanta.example/api/'
 */
export function checkBaseUrl(baseUrl: string, options: BaseUrlOptions = {}): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new KaikuApiError('invalid-base-url', 'The API base URL is not an absolute URL.');
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    // The URL itself is not quoted: it may hold credentials.
    throw new KaikuApiError(
      'invalid-base-url',
      'The API base URL must be http(s) without credentials, query or fragment.',
      { params: { protocol: url.protocol } },
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && options.allowInsecureHttp !== true) {
    throw new KaikuApiError(
      'insecure-base-url',
      'The API base URL is plain http to another machine: the token and card IDs would travel unencrypted.',
      { params: { host: url.hostname } },
    );
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
