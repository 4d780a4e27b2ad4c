// A void by another venue is refused, but the 403 carries the usage it found ("to help support").
import { TOKENS, bearer, isVoid, proxied } from '../lib.mjs';
export default proxied(
  'void-forbidden-shows-usage',
  'broken',
  'void-owner: the 403 body is a problem with that code and nothing of the usage.',
  {
    async response(req, res) {
      if (!isVoid(req) || res.status !== 403) return;
      const usageId = decodeURIComponent(req.path.split('/')[3]);
      for (const token of [TOKENS.token, TOKENS.otherToken]) {
        if (token === bearer(req)) continue;
        const venue = token === TOKENS.token ? 'teatteri-hilla' : 'kulttuuritalo-kaiku';
        const day = new Date().toISOString().slice(0, 10);
        const to = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
        const l = await req.up({
          method: 'GET',
          path: `/v1/venues/${venue}/usages?from=${day}&to=${to}&limit=1000`,
          headers: { authorization: `Bearer ${token}` },
        });
        const u = l.json?.items?.find((x) => x.usageId === usageId);
        if (u) {
          res.json.usage = { usageId, venueId: u.venueId, cardId: u.cardId, show: u.show.id };
          res.jsonChanged = true;
        }
      }
    },
  },
);
