// Registers each batch item under a key of its own making: the item's `idempotencyKey` is only echoed back.
import { randomUUID } from 'node:crypto';
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'batch-keys-fresh',
  'broken',
  'Each batch item is registered once per `idempotencyKey`: the batch again is replayed.',
  {
    request(req) {
      if (!isPost(req, /^\/v1\/usages\/batch$/) || !Array.isArray(req.json?.items)) return;
      req.keys = req.json.items.map((i) => i?.idempotencyKey);
      for (const i of req.json.items) if (i && typeof i === 'object') i.idempotencyKey = randomUUID();
      req.jsonChanged = true;
    },
    response(req, res) {
      if (!req.keys || !Array.isArray(res.json?.results)) return;
      res.json.results.forEach((r, n) => (r.idempotencyKey = req.keys[n]));
      res.jsonChanged = true;
    },
  },
);
