// Broken: batch item keys shorter than 8 characters are padded (a fixed-width column) instead of refused.
import { isBatch, proxied } from '../lib.mjs';
export default proxied(
  'brk-batch-short-key',
  'broken',
  'bounds: an idempotency key of 8–255 characters (batch items).',
  {
    request(req) {
      if (!isBatch(req) || !Array.isArray(req.json?.items)) return;
      req.sent = req.json.items.map((it) => it?.idempotencyKey);
      for (const it of req.json.items)
        if (typeof it?.idempotencyKey === 'string' && it.idempotencyKey.length < 8)
          it.idempotencyKey = it.idempotencyKey.padEnd(8, '_');
      req.jsonChanged = true;
    },
    response(req, res) {
      if (!req.sent || !Array.isArray(res.json?.results)) return;
      res.json.results.forEach((r, i) => (r.idempotencyKey = req.sent[i]));
      res.jsonChanged = true;
    },
  },
);
