// Broken: a batch item's problem quotes the item's card ID in `detail` (the single route's errors are clean).
import { isBatch, proxied } from '../lib.mjs';
export default proxied(
  'brk-batch-detail-cardid',
  'broken',
  'privacy: no card ID in any answer (batch item problems).',
  {
    response(req, res) {
      if (!isBatch(req) || !Array.isArray(res.json?.results)) return;
      res.json.results.forEach((r, i) => {
        if (r.problem)
          r.problem.detail = `Card ${req.json.items[i]?.usage?.cardId} refused: ${r.problem.code}`;
      });
      res.jsonChanged = true;
    },
  },
);
