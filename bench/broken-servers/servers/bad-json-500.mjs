// A body that is not JSON crashes the vendor's handler: 500 instead of 400.
import { problem, proxied } from '../lib/define.mjs';
export default proxied(
  'bad-json-500',
  'broken',
  "every answer (...) is the contract's problem+json, never a crash or a 5xx for a malformed request; 400 `invalid-request`: the body (...) does not match the schema",
  {
    request(req) {
      if (
        req.method === 'POST' &&
        req.body.length > 0 &&
        req.json === undefined &&
        /json/.test(req.headers['content-type'] ?? '')
      )
        return problem(500, 'internal-error', { detail: 'Unexpected token in JSON' });
    },
  },
);
