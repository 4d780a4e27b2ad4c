// The `already-used` refusal never names the terminal, not even to the venue's own terminals.
import { isBatch, isUsagePost, proxied } from '../lib.mjs';
const strip = (p) => {
  for (const r of p?.reasons ?? []) if (r.code === 'already-used' && r.params) delete r.params.terminal;
};
export default proxied(
  'already-used-terminal-dropped',
  'broken',
  "already-used-params: a venue's own terminals see the terminal of the earlier usage.",
  {
    response(req, res) {
      if (isUsagePost(req) && res.json?.code === 'already-used') strip(res.json);
      else if (isBatch(req) && Array.isArray(res.json?.results))
        res.json.results.forEach((r) => strip(r.problem));
      else return;
      res.jsonChanged = true;
    },
  },
);
