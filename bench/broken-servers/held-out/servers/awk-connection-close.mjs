// Legal: a gateway that closes the connection after every answer (no keep-alive).
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-connection-close',
  'awkward',
  'Legal: HTTP/1.1 lets a server close after each answer (`Connection: close`).',
  {
    response(req, res) {
      res.headers.connection = 'close';
    },
  },
);
