// Broken: a validating gateway strips members it does not know from batch items before passing them on.
import { isBatch, proxied } from '../lib.mjs';
const USAGE = [
  'venueId',
  'show',
  'cardId',
  'childTickets',
  'group',
  'channel',
  'forVenueId',
  'mode',
  'clientTime',
  'terminal',
];
export default proxied('brk-batch-unknown-stripped', 'broken', 'unknown fields are refused (batch items).', {
  request(req) {
    if (!isBatch(req) || !Array.isArray(req.json?.items)) return;
    for (const it of req.json.items)
      if (it?.usage && typeof it.usage === 'object')
        for (const k of Object.keys(it.usage)) if (!USAGE.includes(k)) delete it.usage[k];
    req.jsonChanged = true;
  },
});
