// Card states passed through from Kaikukanta's Finnish UI (`Aktiivinen`, `Ei aktiivinen`, `Käyttökielto`, `Siirrossa`).
import { proxied } from '../lib/define.mjs';
const FI = {
  active: 'Aktiivinen',
  inactive: 'Ei aktiivinen',
  'use-ban': 'Käyttökielto',
  'in-transfer': 'Siirrossa',
};
export default proxied(
  'card-status-finnish',
  'broken',
  '`200 CardRecord` — (...) `status` (`active`, `inactive`, `use-ban`, `in-transfer`)',
  {
    response(req, res) {
      if (req.path.startsWith('/v1/cards') && res.status === 200 && res.json?.status) {
        res.json.status = FI[res.json.status] ?? res.json.status;
        res.jsonChanged = true;
      }
    },
  },
);
