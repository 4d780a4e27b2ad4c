// A WebDAV habit: a batch with both registered and refused items is answered `207 Multi-Status`.
import { isBatch, proxied } from '../lib.mjs';
export default proxied(
  'batch-multi-status',
  'broken',
  "batch: the answer is `200 { results }`, whatever the items' outcomes.",
  {
    response(req, res) {
      const r = res.json?.results;
      if (
        isBatch(req) &&
        res.status === 200 &&
        Array.isArray(r) &&
        r.some((x) => x.ok) &&
        r.some((x) => !x.ok)
      )
        res.status = 207;
    },
  },
);
