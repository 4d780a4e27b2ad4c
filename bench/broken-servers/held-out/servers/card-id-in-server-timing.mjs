// A vendor's APM adds `Server-Timing` naming the card looked up: page scripts read it from resource timing entries.
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'card-id-in-server-timing',
  'broken',
  'Privacy: a card ID goes only into a request body to the API; never a URL, header or resource timing entry.',
  {
    response(req, res) {
      const id = req.json?.cardId;
      if (!id || !(isPost(req, /^\/v1\/cards\/lookup$/) || isPost(req, /^\/v1\/usages$/))) return;
      res.headers['server-timing'] = `db;dur=3;desc="card ${id}"`;
    },
  },
);
