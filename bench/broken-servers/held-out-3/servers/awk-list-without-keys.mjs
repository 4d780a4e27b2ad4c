// Legal: the usage list leaves out each usage's `idempotencyKey` (optional in the contract).
import { isUsages, proxied } from '../lib.mjs';
export default proxied(
  'awk-list-without-keys',
  'awkward',
  'Legal: `UsageRecord.idempotencyKey` is optional.',
  {
    response(req, res) {
      if (!isUsages(req) || res.status !== 200 || !Array.isArray(res.json?.items)) return;
      for (const u of res.json.items) delete u.idempotencyKey;
      res.jsonChanged = true;
    },
  },
);
