// Splits a batch of more than 100 items into several upstream and answers them all (no `413 batch-too-large`).
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'batch-over-100',
  'broken',
  'A batch holds 1–100 items; more is `413 batch-too-large`.',
  {
    async request(req) {
      const items = req.json?.items;
      if (!isPost(req, /^\/v1\/usages\/batch$/) || !Array.isArray(items) || items.length <= 100) return;
      const results = [];
      for (let at = 0; at < items.length; at += 100) {
        const body = Buffer.from(JSON.stringify({ items: items.slice(at, at + 100) }));
        const r = await req.up({ ...req, body });
        if (r.status !== 200) return r;
        results.push(...r.json.results);
      }
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        json: { results },
        jsonChanged: true,
      };
    },
  },
);
