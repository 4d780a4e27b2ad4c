// `at` written as Helsinki wall-clock time without an offset (a local timestamp column serialised as is).
import { helsinkiOffset, proxied, reasonsOf } from '../lib/define.mjs';
export default proxied(
  'already-used-local-at',
  'broken',
  "`at`, the ISO instant the card's latest usage for the show was registered",
  {
    response(req, res) {
      if (!res.json) return;
      for (const r of reasonsOf(res.json))
        if (r.code === 'already-used' && r.params?.at) {
          r.params.at = helsinkiOffset(r.params.at).local;
          res.jsonChanged = true;
        }
    },
  },
);
