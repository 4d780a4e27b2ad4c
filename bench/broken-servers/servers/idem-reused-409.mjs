// Another body under a used key answered 409 Conflict (the framework's status for "conflict").
import { proxied } from '../lib/define.mjs';
export default proxied(
  'idem-reused-409',
  'broken',
  'same key, different body → `422 idempotency-key-reused`',
  {
    response(req, res) {
      if (res.status === 422 && res.json?.code === 'idempotency-key-reused') {
        res.status = 409;
        res.json.status = 409;
        res.jsonChanged = true;
      }
    },
  },
);
