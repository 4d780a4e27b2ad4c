// A lenient look-up upper-cases and trims the card ID before searching.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'lowercase-card-accepted',
  'broken',
  'Card IDs: letters and digits, no spaces, upper case — a mistyped ID "does not work" (look-up: a malformed ID is `400 invalid-request`)',
  {
    request(req) {
      if (req.path === '/v1/cards/lookup' && typeof req.json?.cardId === 'string') {
        req.json.cardId = req.json.cardId.replace(/[\s\u200b-\u200d\u00ad-]/g, '').toUpperCase();
        req.jsonChanged = true;
      }
    },
  },
);
