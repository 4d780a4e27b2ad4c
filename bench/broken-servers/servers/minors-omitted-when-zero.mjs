// Sparse serialisation: `minors` left out when it is 0.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'minors-omitted-when-zero',
  'broken',
  '`200 CardRecord` — `id`, `prefix`, `kind` (...), `status` (...), `validUntil` (...), `renewedAt?`, `minors`',
  {
    response(req, res) {
      if (req.path.startsWith('/v1/cards') && res.status === 200 && res.json?.minors === 0) {
        delete res.json.minors;
        res.jsonChanged = true;
      }
    },
  },
);
