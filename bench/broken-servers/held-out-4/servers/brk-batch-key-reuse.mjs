// Broken: the batch route dedupes items by key only for identical bodies; another body under a used key registers anew.
import { createHash, randomUUID } from 'node:crypto';
import { isBatch, proxied } from '../lib.mjs';
const seen = new Map();
const hash = (v) => createHash('sha1').update(JSON.stringify(v)).digest('hex');
export default proxied(
  'brk-batch-key-reuse',
  'broken',
  'idempotency: same key, other body is 422 (batch items).',
  {
    request(req) {
      if (!isBatch(req) || !Array.isArray(req.json?.items)) return;
      req.sent = req.json.items.map((it) => it?.idempotencyKey);
      for (const it of req.json.items) {
        if (typeof it?.idempotencyKey !== 'string') continue;
        const k = `${req.headers.authorization} ${it.idempotencyKey}`;
        const h = hash(it.usage);
        if (seen.has(k) && seen.get(k).h !== h)
          it.idempotencyKey = seen.get(k).alias.get(h) ?? seen.get(k).alias.set(h, `${randomUUID()}`).get(h);
        else if (!seen.has(k)) seen.set(k, { h, alias: new Map() });
      }
      req.jsonChanged = true;
    },
    response(req, res) {
      if (!req.sent || !Array.isArray(res.json?.results)) return;
      res.json.results.forEach((r, i) => (r.idempotencyKey = req.sent[i]));
      res.jsonChanged = true;
    },
  },
);
