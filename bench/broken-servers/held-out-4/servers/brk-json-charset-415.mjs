// Broken: a body typed `application/json; charset=utf-8` is refused as `415` (an exact string comparison).
import { problem, proxied } from '../lib.mjs';
export default proxied(
  'brk-json-charset-415',
  'broken',
  'content types: `application/json` with parameters is JSON.',
  {
    request(req) {
      const t = req.headers['content-type'];
      if (
        req.method === 'POST' &&
        t !== undefined &&
        t !== 'application/json' &&
        /^application\/json/i.test(t)
      )
        return problem(415, 'unsupported-media-type');
    },
  },
);
