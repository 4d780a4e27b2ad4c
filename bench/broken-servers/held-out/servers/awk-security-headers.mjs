// Legal: a hardened gateway adds security and cache headers to every answer.
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-security-headers',
  'awkward',
  'Legal: extra headers (HSTS, CSP, nosniff, Cache-Control, Vary, a request ID) change nothing in the contract.',
  {
    response(req, res) {
      Object.assign(res.headers, {
        'strict-transport-security': 'max-age=63072000',
        'content-security-policy': "default-src 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
        vary: 'Authorization, Accept-Encoding',
        'x-request-id': Math.random().toString(36).slice(2),
      });
    },
  },
);
