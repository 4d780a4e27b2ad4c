// A load balancer that sheds every 9th API call with 503 unavailable + Retry-After: 1, before it reaches the app.
import { problem, proxied } from '../lib/define.mjs';
let n = 0;
export default proxied(
  'awk-transient-503',
  'awkward',
  'Legal: 5xx `unavailable`: try again later (`Retry-After`); nothing was processed.',
  {
    request(req) {
      if (!req.path.startsWith('/v1/') || req.path.startsWith('/v1/health')) return;
      if (++n % 9 === 0) {
        const p = problem(503, 'unavailable');
        p.headers['retry-after'] = '1';
        return p;
      }
    },
  },
);
