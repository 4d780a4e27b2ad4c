// Reports the number of usages as the tickets given (a usage with children counts as one).
import { proxied } from '../lib.mjs';
export default proxied(
  'tally-usages-as-tickets',
  'broken',
  '`ShowTally.ticketsGiven` is the tickets given (adult, children, members, under-16 clients), not the usages.',
  {
    response(req, res) {
      if (req.method !== 'GET' || !/\/tally$/.test(req.path) || res.status !== 200) return;
      const t = res.json;
      t.ticketsGiven = t.usages;
      if (t.cap !== null) t.remaining = Math.max(0, t.cap - t.ticketsGiven);
      res.jsonChanged = true;
    },
  },
);
