// Broken: a gateway also takes the token as HTTP Basic credentials (`Basic base64(":" + token)`).
import { proxied } from '../lib.mjs';
export default proxied(
  'brk-basic-auth',
  'broken',
  'auth: only `Authorization: Bearer <token>`; anything else is 401.',
  {
    request(req) {
      const m = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      if (m)
        req.headers.authorization = `Bearer ${Buffer.from(m[1], 'base64')
          .toString('utf8')
          .replace(/^[^:]*:/, '')}`;
    },
  },
);
