// Broken: a reporting gateway shows each page of the usage list newest first.
import { isUsages, proxied } from '../lib.mjs';
export default proxied('brk-list-newest-first', 'broken', 'usage list: oldest first.', {
  response(req, res) {
    if (isUsages(req) && Array.isArray(res.json?.items)) {
      res.json.items.reverse();
      res.jsonChanged = true;
    }
  },
});
