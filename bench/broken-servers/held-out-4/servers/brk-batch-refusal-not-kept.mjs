// Broken: the batch route forgets a refused item's key (so "the client may retry"): the same item again is decided
// anew instead of getting its first refusal.
import { randomUUID } from 'node:crypto';
import { isBatch, proxied } from '../lib.mjs';
const refused = new Set();
export default proxied(
  'brk-batch-refusal-not-kept',
  'broken',
  'idempotency: a refusal is answered again under its key (batch items).',
  {
    request(req) {
      if (!isBatch(req) || !Array.isArray(req.json?.items)) return;
      req.sent = req.json.items.map((it) => it?.idempotencyKey);
      for (const it of req.json.items)
        if (refused.has(`${req.headers.authorization} ${it?.idempotencyKey}`))
          it.idempotencyKey = randomUUID();
      req.jsonChanged = true;
    },
    response(req, res) {
      if (!req.sent || !Array.isArray(res.json?.results)) return;
      res.json.results.forEach((r, i) => {
        if (r.ok === false && r.problem?.status === 422)
          refused.add(`${req.headers.authorization} ${req.sent[i]}`);
        r.idempotencyKey = req.sent[i];
      });
      res.jsonChanged = true;
    },
  },
);
