// Broken: a gateway replays results from a cache keyed by the idempotency key alone, whatever the venue.
import { isUsagePost, proxied } from '../lib.mjs';
const cache = new Map();
export default proxied('brk-replay-cache-by-key', 'broken', 'idempotency keys are scoped to the venue.', {
  request(req) {
    const key = req.headers['idempotency-key'];
    if (!isUsagePost(req) || !key || !cache.has(key)) return;
    const hit = cache.get(key);
    if (hit.auth === req.headers.authorization) return;
    return {
      ...structuredClone(hit.res),
      status: 200,
      headers: { ...hit.res.headers, 'idempotent-replayed': 'true' },
    };
  },
  response(req, res) {
    const key = req.headers['idempotency-key'];
    if (isUsagePost(req) && key && res.status === 201 && !cache.has(key))
      cache.set(key, { auth: req.headers.authorization, res: structuredClone(res) });
  },
});
