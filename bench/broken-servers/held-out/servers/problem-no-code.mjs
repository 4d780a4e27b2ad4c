// Sends problems with only the RFC 9457 members: no stable `code`, the type URI is meant to say it.
import { proxied } from '../lib.mjs';
export default proxied(
  'problem-no-code',
  'broken',
  'Every error is `application/problem+json` `{ type, title, status, code, … }`; `code` is stable.',
  {
    response(req, res) {
      if (res.status < 400 || !res.json?.code) return;
      delete res.json.code;
      res.jsonChanged = true;
    },
  },
);
