// An unregistered card looked up is "unprocessable", 422, in the vendor's API.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'unknown-card-422',
  'broken',
  '404 `card-not-registered`: the card is not in Kaikukanta: it does not work at a venue',
  {
    response(req, res) {
      if (req.path === '/v1/cards/lookup' && res.status === 404 && res.json?.code === 'card-not-registered') {
        res.status = 422;
        res.json.status = 422;
        res.jsonChanged = true;
      }
    },
  },
);
