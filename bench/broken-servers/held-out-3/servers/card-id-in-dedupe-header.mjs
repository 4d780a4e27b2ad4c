// A duplicate-sale guard in the gateway keys usages on venue, show and card, and echoes its key in a header.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'card-id-in-dedupe-header',
  'broken',
  'privacy: no answer header names a card ID it was sent.',
  {
    response(req, res) {
      const u = req.json;
      if (isUsagePost(req) && typeof u?.cardId === 'string')
        res.headers['x-dedupe-key'] = `${u.venueId}:${u.show?.id}:${u.cardId}`;
    },
  },
);
