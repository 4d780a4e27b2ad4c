// Broken: the tally's `updatedAt` is Helsinki wall-clock time labelled as UTC (two or three hours off).
import { helsinkiOffset, isTally, isUsagePost, proxied } from '../lib.mjs';
const fix = (t) =>
  t && typeof t.updatedAt === 'string' && (t.updatedAt = `${helsinkiOffset(t.updatedAt).local}Z`);
export default proxied('brk-tally-updatedat-wallclock', 'broken', 'instants are right (tally `updatedAt`).', {
  response(req, res) {
    if (isTally(req) && res.json) fix(res.json);
    else if (isUsagePost(req) && res.json?.showTally) fix(res.json.showTally);
    else return;
    res.jsonChanged = true;
  },
});
