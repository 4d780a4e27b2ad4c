// Errors serialised by the web framework's default JSON encoder: `application/json`, not problem+json.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'errors-plain-json',
  'broken',
  'Every error response is RFC 9457 `application/problem+json`',
  {
    response(req, res) {
      if (res.status >= 400) res.headers['content-type'] = 'application/json; charset=utf-8';
    },
  },
);
