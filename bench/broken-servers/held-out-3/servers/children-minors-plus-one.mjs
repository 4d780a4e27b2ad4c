// The children check compares with `<=` one too many: a card with N minors may bring N + 1 children.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'children-minors-plus-one',
  'broken',
  'usage: a card brings at most its registered number of minors.',
  {
    async request(req) {
      if (!isUsagePost(req) || !(req.json?.childTickets > 0) || typeof req.json.cardId !== 'string') return;
      const r = await req.up({
        method: 'POST',
        path: '/v1/cards/lookup',
        headers: { authorization: req.headers.authorization, 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ cardId: req.json.cardId })),
      });
      if (r.status === 200 && req.json.childTickets === r.json.minors + 1) {
        req.extra = 1;
        req.json.childTickets -= 1;
        req.jsonChanged = true;
      }
    },
    response(req, res) {
      if (req.extra && res.json?.tickets) {
        res.json.tickets.children += 1;
        res.json.tickets.total += 1;
        res.jsonChanged = true;
      }
    },
  },
);
