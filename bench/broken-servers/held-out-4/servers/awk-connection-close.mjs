// Legal: no keep-alive; every answer says `Connection: close` and the connection ends after it.
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-connection-close',
  'awkward',
  'Legal: HTTP/1.1 persistence is optional for a server.',
  {
    response(req, res) {
      res.headers.connection = 'close';
    },
  },
);
