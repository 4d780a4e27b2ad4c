// Answers a void with the tally read before the tickets were given back.
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'void-stale-tally',
  'broken',
  "A void answers the show's `showTally` after the tickets given back.",
  {
    response(req, res) {
      if (!isPost(req, /^\/v1\/usages\/[^/]+\/void$/) || res.status !== 200 || !res.json?.showTally) return;
      const t = res.json.showTally;
      t.ticketsGiven += res.json.tickets.total;
      t.usages += 1;
      if (t.cap !== null) t.remaining = Math.max(0, t.cap - t.ticketsGiven);
      res.jsonChanged = true;
    },
  },
);
