// A NOT NULL integer column: a show without a cap reports `cap: 0` and `remaining: 0` instead of `null`.
import { isBatch, isTally, isUsagePost, proxied } from '../lib.mjs';
const fix = (t) => {
  if (t && t.cap === null) Object.assign(t, { cap: 0, remaining: 0 });
};
export default proxied(
  'uncapped-as-zero',
  'broken',
  'remaining: `cap` is `null` (and `remaining` `null`) for a show without a cap.',
  {
    response(req, res) {
      if (res.status >= 300 || !res.json) return;
      if (isTally(req)) fix(res.json);
      else if (isUsagePost(req)) fix(res.json.showTally);
      else if (isBatch(req)) res.json.results?.forEach((r) => fix(r.result?.showTally));
      else return;
      res.jsonChanged = true;
    },
  },
);
