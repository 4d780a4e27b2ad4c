// Legal: a registry that does not keep renewal dates: the card record never has `renewedAt` (optional).
import { isLookup, proxied } from '../lib.mjs';
export default proxied('awk-lookup-no-renewed-at', 'awkward', 'Legal: `CardRecord.renewedAt` is optional.', {
  response(req, res) {
    if (isLookup(req) && res.status === 200 && res.json && 'renewedAt' in res.json) {
      delete res.json.renewedAt;
      res.jsonChanged = true;
    }
  },
});
