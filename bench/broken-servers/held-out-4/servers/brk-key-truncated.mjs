// Broken: idempotency keys are stored in a 64-character column, so two long keys with one prefix collide.
import { proxied } from '../lib.mjs';
export default proxied(
  'brk-key-truncated',
  'broken',
  'idempotency: keys of up to 255 characters, compared exactly.',
  {
    request(req) {
      const k = req.headers['idempotency-key'];
      if (k && k.length > 64) req.headers['idempotency-key'] = k.slice(0, 64);
    },
  },
);
