// Broken: the venue's usage list holds its own counters' usages only, not its ticket agents' sales for it.
import { isUsages, proxied } from '../lib.mjs';
export default proxied(
  'brk-list-drops-agent-sales',
  'broken',
  'usage list: includes agent sales made for the venue.',
  {
    response(req, res) {
      if (!isUsages(req) || !Array.isArray(res.json?.items)) return;
      res.json.items = res.json.items.filter((it) => it.forVenueId === undefined);
      res.jsonChanged = true;
    },
  },
);
