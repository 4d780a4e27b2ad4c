// A REST framework's `Location` for a new usage, built from the request's search fields: the card ID is in it.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'card-id-in-location-header',
  'broken',
  'privacy: no answer, body or header, names a card ID it was sent beyond the card record and the usage record.',
  {
    response(req, res) {
      if (isUsagePost(req) && res.status === 201 && req.json?.cardId)
        res.headers.location = `/v1/usages/${res.json.usageId}?cardId=${req.json.cardId}&show=${encodeURIComponent(req.json.show?.id ?? '')}`;
    },
  },
);
