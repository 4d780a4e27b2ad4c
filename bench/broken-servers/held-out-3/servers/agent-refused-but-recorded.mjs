// Writes first, authorises after: a sale for a venue that has not named the seller its agent is answered
// `403 agent-not-authorized`, but the usage already sits in that venue's data (a partial failure never rolled back).
import { TOKENS, isUsagePost, proxied } from '../lib.mjs';
import { randomUUID } from 'node:crypto';
const tokenOf = { 'teatteri-hilla': TOKENS.token, 'kulttuuritalo-kaiku': TOKENS.otherToken };
export default proxied(
  'agent-refused-but-recorded',
  'broken',
  "agent-unnamed: a usage for a venue that has not named the token's venue its agent is refused, nothing recorded.",
  {
    async response(req, res) {
      if (!isUsagePost(req) || res.status !== 403 || res.json?.code !== 'agent-not-authorized') return;
      const owner = req.json.forVenueId;
      if (!tokenOf[owner]) return;
      const { forVenueId: _owner, ...usage } = req.json;
      await req.up({
        method: 'POST',
        path: '/v1/usages',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokenOf[owner]}`,
          'idempotency-key': randomUUID(),
        },
        body: Buffer.from(JSON.stringify({ ...usage, venueId: owner, channel: 'box-office' })),
      });
    },
  },
);
