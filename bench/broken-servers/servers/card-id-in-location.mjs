// A REST framework's `Location` for the created usage, built from the card ID.
import { proxied } from '../lib/define.mjs';
export default proxied('card-id-in-location', 'broken', 'Card IDs never go into a URL.', {
  response(req, res) {
    if (req.path === '/v1/usages' && res.status === 201 && req.json?.cardId)
      res.headers.location = `/v1/cards/${req.json.cardId}/usages/${res.json.usageId}`;
  },
});
