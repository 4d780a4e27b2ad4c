// An ORM's find-or-create: a card the registry does not know is answered as a fresh inactive record.
import { isLookup, json, proxied } from '../lib.mjs';
export default proxied(
  'lookup-unregistered-placeholder',
  'broken',
  'lookup: a card not in Kaikukanta is `404 card-not-registered`.',
  {
    response(req, res) {
      if (isLookup(req) && res.status === 404 && res.json?.code === 'card-not-registered') {
        const id = req.json.cardId;
        const prefix = /^(AM|YM|A|Y|X|Z)/.exec(id)?.[1] ?? 'A';
        return json(200, {
          id,
          prefix,
          kind: /^[YZ]/.test(prefix) ? 'community' : 'client',
          status: 'inactive',
          validUntil: '1970-01-01',
          minors: 0,
        });
      }
    },
  },
);
