// Batch items' refusals get a friendly `detail` naming the card; the single-usage route stays clean.
import { isBatch, proxied } from '../lib.mjs';
export default proxied(
  'card-id-in-batch-problem',
  'broken',
  "privacy: no error text names a card ID it was sent (batch items' problems included).",
  {
    response(req, res) {
      if (!isBatch(req) || res.status !== 200 || !Array.isArray(res.json?.results)) return;
      res.json.results.forEach((r, i) => {
        const card = req.json.items?.[i]?.usage?.cardId;
        if (!r.ok && r.problem && card)
          r.problem.detail = `Card ${card}: ${r.problem.detail ?? r.problem.title}`;
      });
      res.jsonChanged = true;
    },
  },
);
