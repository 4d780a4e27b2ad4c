// A "card already used" cache in front of the registry: filled on every registration, never cleared by a void,
// so a voided booking still blocks the card's new booking.
import { bearer, isUsagePost, proxied, venueOf } from '../lib.mjs';
const used = new Map();
export default proxied(
  'void-used-cache-stale',
  'broken',
  'void-not-used: a voided usage does not count as "already used".',
  {
    request(req) {
      if (!isUsagePost(req) || req.json?.mode !== 'booking') return;
      const mark = `${venueOf(bearer(req))}|${req.json.forVenueId ?? req.json.venueId}|${req.json.show?.id}|${req.json.cardId}`;
      const hit = used.get(mark);
      if (hit && hit.key !== req.headers['idempotency-key'])
        return {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
          json: {
            type: 'https://kaiku-scanner.dev/problems/already-used',
            title: 'Usage refused by the operating model',
            status: 422,
            code: 'already-used',
            reasons: [{ code: 'already-used', params: { at: hit.at } }],
          },
          jsonChanged: true,
        };
    },
    response(req, res) {
      if (isUsagePost(req) && res.status === 201) {
        const mark = `${venueOf(bearer(req))}|${req.json.forVenueId ?? req.json.venueId}|${req.json.show?.id}|${req.json.cardId}`;
        used.set(mark, { at: res.json.registeredAt, key: req.headers['idempotency-key'] });
      }
    },
  },
);
