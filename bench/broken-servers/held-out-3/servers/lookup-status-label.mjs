// A registry that serves its UI's labels: `status` is `Aktiivinen` / `Ei aktiivinen`, not the contract's codes.
import { isLookup, proxied } from '../lib.mjs';
const LABELS = {
  active: 'Aktiivinen',
  inactive: 'Ei aktiivinen',
  'use-ban': 'Käyttökielto',
  'in-transfer': 'Siirrossa',
};
export default proxied(
  'lookup-status-label',
  'broken',
  'lookup: `status` is one of `active`, `inactive`, `use-ban`, `in-transfer`.',
  {
    response(req, res) {
      if (isLookup(req) && res.status === 200 && res.json?.status) {
        res.json.status = LABELS[res.json.status] ?? res.json.status;
        res.jsonChanged = true;
      }
    },
  },
);
