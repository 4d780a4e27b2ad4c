// A server that keeps only what the contract requires: no `idempotencyKey` in listed usages, no `renewedAt`.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'awk-omit-optional',
  'awkward',
  'Legal: a listed usage has "optional in the contract, the `idempotencyKey` it was registered under"; `renewedAt?` is optional.',
  {
    response(req, res) {
      if (!res.json || res.status !== 200) return;
      for (const item of res.json.items ?? []) delete item.idempotencyKey;
      delete res.json.renewedAt;
      res.jsonChanged = true;
    },
  },
);
