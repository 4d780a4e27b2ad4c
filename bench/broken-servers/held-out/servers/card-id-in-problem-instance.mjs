// Fills RFC 9457 `instance` with the resource it could not find: the card's URL, card ID included.
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'card-id-in-problem-instance',
  'broken',
  'Privacy: no error answer quotes a card ID; card IDs never go into a URL.',
  {
    response(req, res) {
      if (
        res.status < 400 ||
        !res.json ||
        !req.json?.cardId ||
        !isPost(req, /^\/v1\/(cards\/lookup|usages)$/)
      )
        return;
      res.json.instance = `/v1/cards/${req.json.cardId}`;
      res.jsonChanged = true;
    },
  },
);
