// Broken: tallies are cached and invalidated on registrations, but a void does not invalidate them.
import { isBatch, isTally, isUsagePost, proxied } from '../lib.mjs';
const cache = new Map();
export default proxied(
  'brk-tally-cache-void',
  'broken',
  'void gives back: the tally is current after a void.',
  {
    request(req) {
      if (isUsagePost(req) || isBatch(req)) cache.clear();
      if (!isTally(req)) return;
      const hit = cache.get(`${req.headers.authorization} ${req.path}`);
      if (hit) return structuredClone(hit);
    },
    response(req, res) {
      if (isTally(req) && res.status === 200)
        cache.set(`${req.headers.authorization} ${req.path}`, structuredClone(res));
    },
  },
);
