// A rate limit of 12 calls a second per token, answered as the contract says: 429 rate-limited + Retry-After.
import { problem, proxied } from '../lib/define.mjs';
const hits = new Map();
export default proxied(
  'awk-rate-limited',
  'awkward',
  'Legal: 429 `rate-limited` — slow down; honour `Retry-After` (problem+json).',
  {
    request(req) {
      if (!req.path.startsWith('/v1/') || req.path.startsWith('/v1/health')) return;
      const key = req.headers.authorization ?? '';
      const now = Date.now();
      const recent = (hits.get(key) ?? []).filter((t) => now - t < 1000);
      if (recent.length >= 12) {
        const p = problem(429, 'rate-limited');
        p.headers['retry-after'] = '1';
        return p;
      }
      recent.push(now);
      hits.set(key, recent);
    },
  },
);
