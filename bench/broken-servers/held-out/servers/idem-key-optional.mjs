// Makes up a key when the client sends none, so a usage without `Idempotency-Key` is registered.
import { randomUUID } from 'node:crypto';
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'idem-key-optional',
  'broken',
  '`POST /v1/usages` without `Idempotency-Key` is `400 idempotency-key-missing`.',
  {
    request(req) {
      if (isPost(req, /^\/v1\/usages$/) && !req.headers['idempotency-key'])
        req.headers['idempotency-key'] = randomUUID();
    },
  },
);
