// Broken: a show without a cap reports `cap: 0, remaining: 0` (NULL read as 0).
import { isTally, isUsagePost, proxied } from '../lib.mjs';
const fix = (t) => t && t.cap === null && Object.assign(t, { cap: 0, remaining: 0 });
export default proxied('brk-uncapped-zero', 'broken', 'tally: `cap: null` = none.', {
  response(req, res) {
    if (isTally(req)) fix(res.json);
    else if (isUsagePost(req)) fix(res.json?.showTally);
    else return;
    res.jsonChanged = true;
  },
});
