// The list reads the view of standing usages (`WHERE state = 'registered'`): voided usages vanish from it.
import { isUsages, proxied } from '../lib.mjs';
export default proxied(
  'list-hides-voided',
  'broken',
  'usage-state: the usage list keeps a voided usage, with `state: voided` and `voidedAt`.',
  {
    response(req, res) {
      if (isUsages(req) && res.status === 200 && Array.isArray(res.json?.items)) {
        res.json.items = res.json.items.filter((u) => u.state !== 'voided');
        res.jsonChanged = true;
      }
    },
  },
);
