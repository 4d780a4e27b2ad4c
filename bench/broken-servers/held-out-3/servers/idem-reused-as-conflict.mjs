// Every key clash is a `409 Conflict`: another body under a used key reads as "still in progress".
import { isUsagePost, problem, proxied } from '../lib.mjs';
export default proxied(
  'idem-reused-as-conflict',
  'broken',
  'idempotency: the same key with another body is `422 idempotency-key-reused`.',
  {
    response(req, res) {
      if (isUsagePost(req) && res.json?.code === 'idempotency-key-reused') {
        const p = problem(409, 'idempotency-key-in-progress');
        p.headers['retry-after'] = '1';
        return p;
      }
    },
  },
);
