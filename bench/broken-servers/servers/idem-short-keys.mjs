// Any non-empty Idempotency-Key is taken (a short one padded to the database column's minimum).
import { proxied } from '../lib/define.mjs';
export default proxied(
  'idem-short-keys',
  'broken',
  'Each usage carries an idempotency key (8–255 visible ASCII characters; a UUID).',
  {
    request(req) {
      const k = req.headers['idempotency-key'];
      if (k && k.length < 8 && /^[\x21-\x7e]+$/.test(k)) req.headers['idempotency-key'] = k.padEnd(8, '~');
    },
  },
);
