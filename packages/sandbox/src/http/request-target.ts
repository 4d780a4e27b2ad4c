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
