// The `already-used` refusal names the terminal of the earlier usage to everybody, a venue's ticket agent included.
import { AGENTS, TOKENS, VENUE, helsinkiDay, isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'agent-sees-terminal',
  'broken',
  'already-used-params: to a ticket agent, `already-used` names no terminal of a usage it did not register.',
  {
    async response(req, res) {
      const u = req.json;
      if (!isUsagePost(req) || u?.forVenueId !== VENUE || res.json?.code !== 'already-used') return;
      const day = helsinkiDay(new Date(u.show.start));
      const l = await req.up({
        method: 'GET',
        path: `/v1/venues/${VENUE}/usages?from=${day}&to=${day}&limit=1000`,
        headers: { authorization: `Bearer ${TOKENS.token}` },
      });
      const earlier = l.json?.items?.find(
        (x) => x.cardId === u.cardId && x.show.id === u.show.id && x.terminal,
      );
      if (!earlier) return;
      for (const r of res.json.reasons ?? [])
        if (r.code === 'already-used') r.params = { ...r.params, terminal: earlier.terminal };
      res.jsonChanged = true;
    },
  },
  AGENTS,
);
