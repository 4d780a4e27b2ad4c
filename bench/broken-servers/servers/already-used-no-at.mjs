// The vendor never stored when a card was used: `already-used` says where, not when.
import { proxied, reasonsOf } from '../lib/define.mjs';
export default proxied(
  'already-used-no-at',
  'broken',
  "`already-used`, whose params say when (`at`, the ISO instant the card's latest usage for the show was registered (...)) and where (`terminal`",
  {
    response(req, res) {
      if (!res.json) return;
      for (const r of reasonsOf(res.json))
        if (r.code === 'already-used' && r.params?.at) {
          delete r.params.at;
          res.jsonChanged = true;
        }
    },
  },
);
