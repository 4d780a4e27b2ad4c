// A gateway's 401 page that echoes what was refused, "for debugging": the look-up body names the card.
import { proxied } from '../lib.mjs';
export default proxied(
  'unauthorized-echoes-body',
  'broken',
  'privacy: no error answer quotes a card ID it was sent.',
  {
    response(req, res) {
      if (res.status === 401 && res.json && req.body?.length) {
        res.json.detail = `${res.json.detail ?? ''} Rejected request: ${req.body.toString('utf8').slice(0, 500)}`;
        res.jsonChanged = true;
      }
    },
  },
);
