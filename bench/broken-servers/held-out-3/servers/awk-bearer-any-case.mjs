// Legal: the auth scheme is matched case-insensitively (`bearer`, `BEARER`), as RFC 9110 §11.1 says it is.
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-bearer-any-case',
  'awkward',
  'Legal: HTTP authentication schemes are case-insensitive.',
  {
    request(req) {
      const m = /^bearer +(.+)$/i.exec(req.headers.authorization ?? '');
      if (m) req.headers.authorization = `Bearer ${m[1]}`;
    },
  },
);
