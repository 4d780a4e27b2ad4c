// Legal: a gateway that sheds every sixth API call with `503 unavailable` and `Retry-After: 1`, before it reaches
// the server (nothing is processed).
import { pathOf, problem, proxied } from '../lib.mjs';
let n = 0;
export default proxied(
  'awk-503-sometimes',
  'awkward',
  'Legal: `503 unavailable` with `Retry-After`, nothing processed; clients try again.',
  {
    request(req) {
      if (!pathOf(req).startsWith('/v1/') || pathOf(req) === '/v1/health' || ++n % 6) return;
      const p = problem(503, 'unavailable');
      p.headers['retry-after'] = '1';
      return p;
    },
  },
);
