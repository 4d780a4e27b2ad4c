// Clamps an out-of-range `limit` instead of refusing it (limit=0 or 5000 are answered as 1 or 1000).
import { isUsages, proxied } from '../lib.mjs';
export default proxied(
  'list-limit-clamped',
  'broken',
  'A query that does not match the schema (`limit` 1–1000) is `400 invalid-request`.',
  {
    request(req) {
      if (!isUsages(req)) return;
      const url = new URL(req.path, 'http://x');
      const limit = Number(url.searchParams.get('limit'));
      if (!url.searchParams.has('limit') || !Number.isFinite(limit)) return;
      url.searchParams.set('limit', String(Math.min(1000, Math.max(1, Math.trunc(limit)))));
      req.path = url.pathname + url.search;
    },
  },
);
