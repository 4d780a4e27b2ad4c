// Broken: a registration answer's ETag is built from the card and show it was for.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied('brk-etag-cardid', 'broken', 'privacy: no card ID in any header (ETag).', {
  response(req, res) {
    if (isUsagePost(req) && res.status < 300 && req.json?.cardId)
      res.headers.etag = `W/"${req.json.cardId}.${req.json.show?.id}"`;
  },
});
