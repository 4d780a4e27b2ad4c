// The gateway sniffs bodies: `text/plain` that parses as JSON is passed on as `application/json`.
import { proxied } from '../lib.mjs';
export default proxied(
  'content-type-sniffed',
  'broken',
  'errors: a body that is not `application/json` is `415 unsupported-media-type`.',
  {
    request(req) {
      if (
        req.method === 'POST' &&
        req.json !== undefined &&
        !/application\/json/.test(req.headers['content-type'] ?? '')
      )
        req.headers['content-type'] = 'application/json';
    },
  },
);
