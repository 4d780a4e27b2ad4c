// A "transactional" batch: one refused item refuses the whole batch (the others are rolled back).
import { proxied } from '../lib/define.mjs';
export default proxied(
  'batch-all-or-nothing',
  'broken',
  'a refused batch item carries the problem, the other items register',
  {
    async response(req, res) {
      if (req.path !== '/v1/usages/batch' || res.status !== 200 || !res.json?.results) return;
      const bad = res.json.results.find((r) => !r.ok);
      if (!bad) return;
      for (const r of res.json.results)
        if (r.ok && !r.replayed)
          await req.up({
            method: 'POST',
            path: `/v1/usages/${r.result.usageId}/void`,
            headers: { authorization: req.headers.authorization, 'content-type': 'application/json' },
            body: Buffer.from('{}'),
          });
      return {
        status: bad.problem.status,
        headers: { 'content-type': 'application/problem+json' },
        json: bad.problem,
        jsonChanged: true,
      };
    },
  },
);
