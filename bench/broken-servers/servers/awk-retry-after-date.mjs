// A load balancer that sheds every 9th API call with 503 + Retry-After as an HTTP-date (2 s ahead).
import { problem, proxied } from '../lib/define.mjs';
let n = 0;
export default proxied(
  'awk-retry-after-date',
  'awkward',
  'Legal: `Retry-After` in seconds or as an HTTP-date (docs/api.md, Idempotency and retries); 503 `unavailable`.',
  {
    request(req) {
      if (!req.path.startsWith('/v1/') || req.path.startsWith('/v1/health')) return;
      if (++n % 9 === 0) {
        const p = problem(503, 'unavailable');
        p.headers['retry-after'] = new Date(Date.now() + 2000).toUTCString();
        p.headers.date = new Date().toUTCString();
        return p;
      }
    },
  },
);
