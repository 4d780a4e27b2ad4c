// The load balancer answers paths it has no route for with its own HTML 404 page.
import { proxied } from '../lib.mjs';
export default proxied(
  'unknown-path-html',
  'broken',
  'problem-json: every error answer is `application/problem+json` (an unknown path is `404 not-found`).',
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
