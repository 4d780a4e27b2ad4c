// Reads `cardId` from the look-up body and ignores every other member.
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'lookup-unknown-member-dropped',
  'broken',
  'The look-up body must be exactly `{ cardId }`: an unknown member is refused, naming it.',
  {
    request(req) {
      if (!isPost(req, /^\/v1\/cards\/lookup$/) || !req.json || typeof req.json !== 'object') return;
      req.json = { cardId: req.json.cardId };
      req.jsonChanged = true;
    },
  },
);
