// Refusal details written for the clerk, quoting the card.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'card-id-in-refusal',
  'broken',
  'privacy: no card ID in error texts — any error answer of the run quoting a card ID the kit sent',
  {
    response(req, res) {
      if (
        res.status === 422 &&
        res.json?.code &&
        req.json?.cardId &&
        res.json.code !== 'idempotency-key-reused'
      ) {
        res.json.detail = `Kortti ${req.json.cardId}: ${res.json.detail ?? res.json.code}`;
        res.jsonChanged = true;
      }
    },
  },
);
