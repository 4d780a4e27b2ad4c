// Stores keys in a case-insensitive column: `Key-A` and `key-a` are one key.
import { proxied } from '../lib.mjs';
export default proxied(
  'idem-key-case-folded',
  'broken',
  'An idempotency key is visible ASCII, compared exactly: another key is another registration.',
  {
    request(req) {
      const key = req.headers['idempotency-key'];
      if (key) req.headers['idempotency-key'] = key.toLowerCase();
      if (Array.isArray(req.json?.items)) {
        req.originalKeys = req.json.items.map((i) => i?.idempotencyKey);
        for (const i of req.json.items)
          if (typeof i?.idempotencyKey === 'string') i.idempotencyKey = i.idempotencyKey.toLowerCase();
        req.jsonChanged = true;
      }
    },
    response(req, res) {
      if (!req.originalKeys || !Array.isArray(res.json?.results)) return;
      res.json.results.forEach((r, n) => r && (r.idempotencyKey = req.originalKeys[n]));
      res.jsonChanged = true;
    },
  },
);
