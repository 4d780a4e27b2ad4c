// The vendor's batch limit is 50 items, not the contract's 100.
import { problem, proxied } from '../lib/define.mjs';
export default proxied(
  'batch-max-50',
  'broken',
  '`POST /v1/usages/batch` `{ items: [{ idempotencyKey, usage }] }` (1–100)',
  {
    request(req) {
      if (req.path === '/v1/usages/batch' && Array.isArray(req.json?.items) && req.json.items.length > 50)
        return problem(413, 'batch-too-large', { detail: 'At most 50 items.' });
    },
  },
);
