// The batch loop `break`s at the first refused item: it answers the refusal and drops the rest unprocessed.
import { isBatch, json, proxied } from '../lib.mjs';
export default proxied(
  'batch-stops-at-refusal',
  'broken',
  'batch: one result per item, in order; a refused item does not stop the others.',
  {
    async request(req) {
      if (
        !isBatch(req) ||
        !Array.isArray(req.json?.items) ||
        req.json.items.length < 2 ||
        req.json.items.length > 100
      )
        return;
      const results = [];
      for (const item of req.json.items) {
        const r = await req.up({ ...req, body: Buffer.from(JSON.stringify({ items: [item] })) });
        if (r.status !== 200) return results.length ? json(200, { results }) : r;
        results.push(r.json.results[0]);
        if (!r.json.results[0].ok) break;
      }
      return json(200, { results });
    },
  },
);
