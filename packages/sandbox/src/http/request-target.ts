import { isIP } from 'node:net';

/**
 * The request target as a URL, without ever throwing. `new URL(target, base)` reads an origin-form target that
 * starts with `//` (`//x:99999/`) as a scheme-relative URL and throws on its port; here a target starting with
 * `/` is always a path, an absolute-form target (`http://host/path`, RFC 9112 §3.2.2) is parsed on its own, and
 * anything else (`*`, a bare word, a malformed authority) is `undefined`: the caller answers 400.
 */
const BASE = 'http://sandbox.invalid';

export type RequestTarget = {
  readonly url: URL;
  /** The authority of an absolute-form target (`host[:port]`), checked like a Host header. */
  readonly authority?: string;
};

/**
 * @example
 * parseRequestTarget('//x:99999/')?.url.pathname; // '//x:99999/'
 * parseRequestTarget('http://[');                // undefined
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    if (raw.startsWith('/')) return { url: new URL(BASE + raw) };
    if (/^https?:\/\//i.test(raw)) {
      const absolute = new URL(raw);
      return { url: new URL(BASE + absolute.pathname + absolute.search), authority: absolute.host };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Defends against DNS rebinding: a page on `evil.example` whose name is re-pointed to 127.0.0.1 reaches the sandbox
 * with `Host: evil.example`. Allowed are `localhost` and `*.localhost`, IP literals (a page whose origin is an IP
 * address cannot be rebound) and the names the operator configured. A missing Host (HTTP/1.0) is allowed.
 *
 * @example
 * hostAllowed('localhost:8787', []);      // true
 * hostAllowed('evil.example', []);        // false
 * hostAllowed('kassa.teatteri.fi', ['kassa.teatteri.fi']); // true
 */
export function hostAllowed(host: string | undefined, allowedNames: readonly string[]): boolean {
  if (host === undefined) return true;
  const name = hostName(host);
  if (name === undefined) return false;
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0) return true;
  return allowedNames.some((allowed) => allowed.toLowerCase().replace(/\.$/, '') === name);
}

/** The name or address of a `host[:port]` (brackets removed from IPv6), lower case; undefined when malformed. */
function hostName(host: string): string | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(host.trim());
  if (!match) return undefined;
  if (match[3] !== undefined && Number(match[3]) > 65535) return undefined;
  if (match[1] !== undefined) return isIP(match[1]) === 6 ? match[1].toLowerCase() : undefined;
  return match[2]!.toLowerCase().replace(/\.$/, '');
}
