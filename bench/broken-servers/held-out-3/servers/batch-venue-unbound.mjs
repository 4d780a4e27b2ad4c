// The batch route checks the token's venue on the envelope only: an item of another venue is sent on with the
// gateway's service credentials and registered for that venue.
import { TOKENS, bearer, isBatch, json, proxied, venueOf } from '../lib.mjs';
const tokenOf = (venue) =>
  venue === 'kulttuuritalo-kaiku' ? TOKENS.otherToken : venue === 'teatteri-hilla' ? TOKENS.token : undefined;
export default proxied(
  'batch-venue-unbound',
  'broken',
  'venue-binding: a batch item for another `venueId` is `403 forbidden`.',
  {
    async request(req) {
      if (!isBatch(req) || !Array.isArray(req.json?.items)) return;
      const mine = venueOf(bearer(req));
      const foreign = req.json.items.map((it) => it?.usage?.venueId !== mine && tokenOf(it?.usage?.venueId));
      if (!mine || !foreign.some(Boolean)) return;
      const results = [];
      for (const [i, it] of req.json.items.entries()) {
        const token = foreign[i] || bearer(req);
        const r = await req.up({
          method: 'POST',
          path: '/v1/usages/batch',
          headers: { ...req.headers, authorization: `Bearer ${token}` },
          body: Buffer.from(JSON.stringify({ items: [it] })),
        });
        if (r.status !== 200) return r;
        results.push(r.json.results[0]);
      }
      return json(200, { results });
    },
  },
);
