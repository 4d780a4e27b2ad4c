// Any non-empty `Idempotency-Key` is taken: `1` or `abc` are keys (the gateway pads them for the store).
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'idem-short-key-accepted',
  'broken',
  'idempotency: a key is 8–255 visible ASCII characters; a shorter one is refused.',
  {
    request(req) {
      const k = req.headers['idempotency-key'];
      if (isUsagePost(req) && k && k.length < 8) req.headers['idempotency-key'] = `short-key:${k}`;
    },
  },
);
