// The batch runs in one transaction: one refused item rolls the valid ones back (voided), and every item is
// answered with the refusal.
import { isBatch, proxied } from '../lib.mjs';
export default proxied(
  'batch-all-or-nothing',
  'broken',
  'batch: a refused item carries its problem; the other items register.',
  {
    async response(req, res) {
      if (!isBatch(req) || res.status !== 200 || !Array.isArray(res.json?.results)) return;
      const bad = res.json.results.find((r) => !r.ok);
      if (!bad) return;
      for (const r of res.json.results.filter((x) => x.ok && !x.replayed))
        await req.up({
          method: 'POST',
          path: `/v1/usages/${r.result.usageId}/void`,
          headers: { authorization: req.headers.authorization, 'content-type': 'application/json' },
          body: Buffer.from('{}'),
        });
      res.json.results = res.json.results.map((r) => ({
        idempotencyKey: r.idempotencyKey,
        ok: false,
        problem: bad.problem,
      }));
      res.jsonChanged = true;
    },
  },
);
