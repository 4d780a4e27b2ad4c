// Tallies served from a cache that registrations invalidate but voids do not: the tickets given back stay counted.
import { bearer, isBatch, isTally, isUsagePost, proxied } from '../lib.mjs';
const cache = new Map();
export default proxied(
  'tally-cache-not-invalidated',
  'broken',
  "void-gives-back: after a void the show's tally no longer counts the voided usage.",
  {
    request(req) {
      if (isUsagePost(req) || isBatch(req)) cache.clear();
      if (isTally(req)) {
        const hit = cache.get(`${bearer(req)}|${req.path}`);
        if (hit)
          return { ...hit, json: { ...hit.json, updatedAt: new Date().toISOString() }, jsonChanged: true };
      }
    },
    response(req, res) {
      if (isTally(req) && res.status === 200)
        cache.set(`${bearer(req)}|${req.path}`, { status: 200, headers: res.headers, json: res.json });
    },
  },
);
