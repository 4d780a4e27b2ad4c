// A misconfigured gateway labels every successful JSON answer `text/plain`.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'success-text-plain',
  'broken',
  'Responses: `200`/`201` `application/json` (openapi.json); a 2xx that is not JSON is `content-type` to the client',
  {
    response(req, res) {
      if (res.status < 300 && /application\/json/.test(res.headers['content-type'] ?? ''))
        res.headers['content-type'] = 'text/plain; charset=utf-8';
    },
  },
);
