// Legal: a CDN-style front adds headers of its own: a request ID, timings, caching and security headers.
import { randomUUID } from 'node:crypto';
import { proxied } from '../lib.mjs';
export default proxied('awk-extra-headers', 'awkward', 'Legal: extra response headers that name no card.', {
  response(req, res) {
    Object.assign(res.headers, {
      'x-request-id': randomUUID(),
      'server-timing': 'app;dur=3.1, db;dur=0.8',
      'cache-control': 'no-store',
      'strict-transport-security': 'max-age=31536000',
      'x-content-type-options': 'nosniff',
      vary: [res.headers.vary, 'Authorization'].filter(Boolean).join(', '),
      via: '1.1 edge-hel1',
    });
  },
});
