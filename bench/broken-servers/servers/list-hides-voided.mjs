// The list query has `WHERE state = 'registered'`: voided usages vanish from the venue's list.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'list-hides-voided',
  'broken',
  "The usage list keeps it, with `state: 'voided'` and `voidedAt`.",
  {
    response(req, res) {
      if (
        req.method === 'GET' &&
        /^\/v1\/venues\/[^/]+\/usages/.test(req.path) &&
        res.status === 200 &&
        res.json?.items
      ) {
        res.json.items = res.json.items.filter((i) => i.state !== 'voided');
        res.jsonChanged = true;
      }
    },
  },
);
