// Marks every batch result as new, replays included.
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'batch-replayed-false',
  'broken',
  'A batch item answered from its key says `replayed: true`.',
  {
    response(req, res) {
      if (!isPost(req, /^\/v1\/usages\/batch$/) || res.status !== 200) return;
      for (const r of res.json.results) if (r.ok) r.replayed = false;
      res.jsonChanged = true;
    },
  },
);
