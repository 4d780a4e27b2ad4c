// Broken: a rate-limiting gateway answers 429 without `Retry-After`.
import { proxied } from '../lib.mjs';
export default proxied(
  'brk-429-no-retry-after',
  'broken',
  'rate limit: `429 rate-limited` with `Retry-After`.',
  {
    response(req, res) {
      if (res.status === 429) delete res.headers['retry-after'];
    },
  },
  { rateLimit: { perSecond: 5 } },
);
