// Broken: a card never renewed has `renewedAt: ""` (the column's empty string), not no `renewedAt`.
import { isLookup, proxied } from '../lib.mjs';
export default proxied('brk-renewedat-empty', 'broken', 'look-up: `renewedAt` is a date when present.', {
  response(req, res) {
    if (isLookup(req) && res.status === 200 && res.json && res.json.renewedAt === undefined) {
      res.json.renewedAt = '';
      res.jsonChanged = true;
    }
  },
});
