// The cap counts card holders only: a community card's under-16 clients get tickets but never reach the tally.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'group-under16-uncounted',
  'broken',
  'booking-counts: a booking counts its under-16 clients against the cap.',
  {
    request(req) {
      const g = req.json?.group;
      if (isUsagePost(req) && Number.isInteger(g?.under16Clients) && g.under16Clients > 0) {
        req.under16 = g.under16Clients;
        g.under16Clients = 0;
        req.jsonChanged = true;
      }
    },
    response(req, res) {
      if (!req.under16 || !res.json?.tickets) return;
      res.json.tickets.under16Clients = req.under16;
      res.json.tickets.total += req.under16;
      res.jsonChanged = true;
    },
  },
);
