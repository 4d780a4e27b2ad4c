// Legal: tallies read from a cache a second old: `updatedAt` says when the figures were read.
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-tally-updated-at-usage',
  'awkward',
  'Legal: the contract does not fix what `ShowTally.updatedAt` is beyond a date-time.',
  {
    response(req, res) {
      if (req.method !== 'GET' || !/\/tally$/.test(req.path) || res.status !== 200) return;
      res.json.updatedAt = new Date(Date.now() - 1000).toISOString();
      res.jsonChanged = true;
    },
  },
);
