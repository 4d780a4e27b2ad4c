// Lists only the usages the venue's own tokens registered: its ticket agents' sales for it are left out.
import { AGENTS, isUsages, proxied } from '../lib.mjs';
export default proxied(
  'agent-missing-from-list',
  'broken',
  'The usage list includes ticket-agent sales made for this venue (`forVenueId`).',
  {
    response(req, res) {
      if (!isUsages(req) || res.status !== 200 || !res.json?.items) return;
      const venue = req.path.split('/')[3];
      res.json.items = res.json.items.filter((i) => i.venueId === decodeURIComponent(venue));
      res.jsonChanged = true;
    },
  },
  AGENTS,
);
