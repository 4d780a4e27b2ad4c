// Rebuilds a replay's answer with the show's tally as it is now, not the first result's.
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'idem-replay-current-tally',
  'broken',
  'A replay answers the first result again (its tally included).',
  {
    async response(req, res) {
      if (!isPost(req, /^\/v1\/usages$/) || res.headers['idempotent-replayed'] !== 'true') return;
      const show = req.json?.show?.id;
      const t = await req.up({
        method: 'GET',
        path: `/v1/shows/${encodeURIComponent(show)}/tally`,
        headers: { authorization: req.headers.authorization },
      });
      if (t.status !== 200) return;
      res.json.showTally = t.json;
      res.jsonChanged = true;
    },
  },
);
