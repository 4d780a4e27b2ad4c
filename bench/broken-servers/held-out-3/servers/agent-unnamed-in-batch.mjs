// The single-usage route checks that the owning venue named the seller its ticket agent; the batch route, written
// later, does not: a batch item for a venue that never named the seller is registered for that venue.
import { TOKENS, isBatch, proxied } from '../lib.mjs';
const tokenOf = { 'teatteri-hilla': TOKENS.token, 'kulttuuritalo-kaiku': TOKENS.otherToken };
export default proxied(
  'agent-unnamed-in-batch',
  'broken',
  "agent-unnamed: a batch item for a venue that has not named the token's venue its agent is `403 agent-not-authorized`.",
  {
    async response(req, res) {
      if (!isBatch(req) || res.status !== 200 || !Array.isArray(res.json?.results)) return;
      for (const [i, r] of res.json.results.entries()) {
        const item = req.json.items[i];
        const owner = item?.usage?.forVenueId;
        if (r.ok || r.problem?.code !== 'agent-not-authorized' || !tokenOf[owner]) continue;
        const { forVenueId: _owner, ...usage } = item.usage;
        const up = await req.up({
          method: 'POST',
          path: '/v1/usages/batch',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf[owner]}` },
          body: Buffer.from(JSON.stringify({ items: [{ ...item, usage: { ...usage, venueId: owner } }] })),
        });
        if (up.status === 200) res.json.results[i] = up.json.results[0];
      }
      res.jsonChanged = true;
    },
  },
);
