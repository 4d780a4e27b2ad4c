// Broken: batch items ask for more children than the card's minors are clamped to the minors, not refused.
import { isBatch, proxied } from '../lib.mjs';
export default proxied(
  'brk-batch-children-clamped',
  'broken',
  'children limit holds for batch items (refused, never clamped).',
  {
    async request(req) {
      if (!isBatch(req) || !Array.isArray(req.json?.items)) return;
      for (const it of req.json.items) {
        const u = it?.usage;
        if (!u || typeof u.cardId !== 'string' || !(u.childTickets > 0)) continue;
        const r = await req.up({
          method: 'POST',
          path: '/v1/cards/lookup',
          headers: { ...req.headers, 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ cardId: u.cardId })),
        });
        if (r.status === 200 && u.childTickets > r.json.minors) u.childTickets = r.json.minors;
      }
      req.jsonChanged = true;
    },
  },
);
