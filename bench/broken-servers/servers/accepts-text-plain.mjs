// A lenient body parser: any body that parses as JSON is taken, whatever its Content-Type.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'accepts-text-plain',
  'broken',
  '415 `unsupported-media-type`: a body that is not `application/json`',
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
