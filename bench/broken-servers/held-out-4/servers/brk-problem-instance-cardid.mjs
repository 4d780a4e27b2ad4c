// Broken: a refusal's RFC 9457 `instance` is a log-friendly URI naming the card.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'brk-problem-instance-cardid',
  'broken',
  'privacy: no card ID in a refusal (`instance`).',
  {
    response(req, res) {
      if (isUsagePost(req) && res.status === 422 && res.json && req.json?.cardId) {
        res.json.instance = `urn:kaikukanta:usage:${req.json.venueId}:${req.json.cardId}`;
        res.jsonChanged = true;
      }
    },
  },
);
