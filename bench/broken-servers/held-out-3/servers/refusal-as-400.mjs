// An API framework maps every domain exception to `400 Bad Request`: the operating model's refusals are 400.
import { proxied } from '../lib.mjs';
export default proxied(
  'refusal-as-400',
  'broken',
  'refusal-reasons: a refusal by the operating model is `422` with the first reason as `code`.',
  {
    response(req, res) {
      if (
        res.status === 422 &&
        Array.isArray(res.json?.reasons) &&
        res.json.code !== 'idempotency-key-reused'
      ) {
        res.status = 400;
        res.json.status = 400;
        res.jsonChanged = true;
      }
    },
  },
);
