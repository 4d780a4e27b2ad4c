// Broken: a gateway that holds registrations briefly and answers a duplicate in flight `409` without `Retry-After`.
import { isUsagePost, problem, proxied } from '../lib.mjs';
const inFlight = new Set();
export default proxied(
  'brk-409-no-retry-after',
  'broken',
  'in flight: `409 idempotency-key-in-progress` with `Retry-After: 1`.',
  {
    async request(req) {
      const key = req.headers['idempotency-key'];
      if (!isUsagePost(req) || !key) return;
      const scoped = `${req.headers.authorization} ${key}`;
      if (inFlight.has(scoped)) return problem(409, 'idempotency-key-in-progress');
      inFlight.add(scoped);
      req.release = () => inFlight.delete(scoped);
      await new Promise((ok) => setTimeout(ok, 300));
    },
    response(req) {
      req.release?.();
    },
  },
);
