// nginx's limit_req in front: over 15 requests a second per token → its own HTML 429 page, no Retry-After.
import { proxied } from '../lib/define.mjs';
const hits = new Map();
export default proxied(
  'rate-limit-html',
  'broken',
  'Every error response is RFC 9457 `application/problem+json` (429 `rate-limited`: slow down; honour `Retry-After`)',
  {
    request(req) {
      if (!req.path.startsWith('/v1/') || req.path.startsWith('/v1/health')) return;
      const key = req.headers.authorization ?? '';
      const now = Date.now();
      const recent = (hits.get(key) ?? []).filter((t) => now - t < 1000);
      recent.push(now);
      hits.set(key, recent);
      if (recent.length > 15)
        return {
          status: 429,
          headers: { 'content-type': 'text/html' },
          body: Buffer.from(
            '<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>nginx</center></body></html>',
          ),
        };
    },
  },
);
