// The `already-used` refusal's `at` is filled from the refused request's `clientTime`, not the earlier usage.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'already-used-at-client-time',
  'broken',
  "already-used-params: `at` is the earlier usage's `registeredAt`, never the asking client's clock.",
  {
    response(req, res) {
      if (!isUsagePost(req) || res.json?.code !== 'already-used') return;
      for (const r of res.json.reasons ?? [])
        if (r.code === 'already-used') r.params = { ...r.params, at: req.json.clientTime };
      res.jsonChanged = true;
    },
  },
);
