// A replay answers the stored result with its original 201 and no Idempotent-Replayed header.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'idem-replay-201',
  'broken',
  '`201 UsageResult` (new) or `200` + `Idempotent-Replayed: true` (the first result again)',
  {
    response(req, res) {
      if (res.headers['idempotent-replayed']) {
        delete res.headers['idempotent-replayed'];
        res.status = 201;
      }
    },
  },
);
