// An unsigned column: `childTickets: -1` is stored (and decided) as 0 instead of being refused.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'children-negative-as-zero',
  'broken',
  'usage: `childTickets` below 0 is `400 invalid-request` naming it.',
  {
    request(req) {
      if (isUsagePost(req) && Number.isInteger(req.json?.childTickets) && req.json.childTickets < 0) {
        req.json.childTickets = 0;
        req.jsonChanged = true;
      }
    },
  },
);
