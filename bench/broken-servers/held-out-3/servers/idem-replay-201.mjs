// A replay keeps the first answer's status: `201` again, with `Idempotent-Replayed: true`.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'idem-replay-201',
  'broken',
  'idempotency-replay: a replay is `200` with `Idempotent-Replayed: true`.',
  {
    response(req, res) {
      if (isUsagePost(req) && res.status === 200 && res.headers['idempotent-replayed'] === 'true')
        res.status = 201;
    },
  },
);
