// Unknown paths fall through to the web server's own HTML 404 page.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'html-404',
  'broken',
  '404 `not-found`: no such endpoint (every error response is RFC 9457 `application/problem+json`)',
  {
    response(req, res) {
      if (res.status === 404 && res.json?.code === 'not-found')
        return {
          status: 404,
          headers: { 'content-type': 'text/html' },
          body: Buffer.from('<html><body><h1>404 Not Found</h1><hr>nginx</body></html>'),
        };
    },
  },
);
