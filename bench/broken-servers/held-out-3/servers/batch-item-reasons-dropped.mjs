// Batch items' problems are mapped to a minimal error shape: `code` and `status` kept, `reasons` lost.
import { isBatch, proxied } from '../lib.mjs';
export default proxied(
  'batch-item-reasons-dropped',
  'broken',
  "refusal-reasons: a refused batch item's problem lists every reason with its params.",
  {
    response(req, res) {
      if (!isBatch(req) || !Array.isArray(res.json?.results)) return;
      for (const r of res.json.results) if (r.problem) delete r.problem.reasons;
      res.jsonChanged = true;
    },
  },
);
